//go:build !amd64 || purego

package jsonscan

// specialBlocks marks whole 64-byte blocks of b (len(b) a multiple of 64)
// into mask.
func specialBlocks(b []byte, mask []uint64) { specialBlocksGo(b, mask) }
