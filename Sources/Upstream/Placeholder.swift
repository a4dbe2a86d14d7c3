// The Upstream module; its types arrive in their own files.
