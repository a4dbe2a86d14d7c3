// The SessionStore module; its types arrive in their own files.
