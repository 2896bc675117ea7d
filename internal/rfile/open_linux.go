//go:build linux

package rfile

import (
	"errors"
	"os"
	"syscall"
)

// Open opens path for reading, as os.Open does, without registering it
// with the poller: os.NewFile checks in one call that the descriptor is
// blocking, as a regular file's is, and leaves it alone.
func Open(path string) (*os.File, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}
