//go:build !linux

package rfile

import "os"

// Open is os.Open.
func Open(path string) (*os.File, error) { return os.Open(path) }
