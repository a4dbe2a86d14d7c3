// The HTTPFront module; its types arrive in their own files.
