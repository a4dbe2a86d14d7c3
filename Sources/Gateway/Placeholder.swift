// The Gateway module; its types arrive in their own files.
