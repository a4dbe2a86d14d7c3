// The GatewayLog module; its types arrive in their own files.
