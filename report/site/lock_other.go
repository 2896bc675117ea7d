//go:build !unix

package site

import "os"

// lockFile cannot lock on this system: it reports the lock as taken when
// waiting (so builds run as before, unserialised) and as held elsewhere
// when not (so no stage is ever taken for abandoned and removed).
func lockFile(f *os.File, wait bool) (bool, error) {
	return wait, nil
}
