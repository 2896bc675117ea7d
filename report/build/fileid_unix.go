//go:build unix

package build

import (
	"io/fs"
	"syscall"
)

// fileIDOf is what the operating system says of a file that changes when
// its content may have: its size, modification and status-change times
// (the kernel sets the latter on every write, and no program can set it
// back), inode and device. ok is false when the system does not say.
func fileIDOf(fi fs.FileInfo) (id fileID, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{
		Size:  fi.Size(),
		Mtime: fi.ModTime().UnixNano(),
		Ctime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
		Ino:   uint64(st.Ino),
		Dev:   uint64(st.Dev),
	}, true
}
