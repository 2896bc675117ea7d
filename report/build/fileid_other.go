//go:build !unix

package build

import "io/fs"

// fileIDOf says nothing on systems without a status-change time: every
// input is hashed on every build there.
func fileIDOf(fs.FileInfo) (fileID, bool) { return fileID{}, false }
