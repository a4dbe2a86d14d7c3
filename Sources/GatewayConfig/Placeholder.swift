// The GatewayConfig module; its types arrive in their own files.
