//go:build !purego

package jsonscan

import "golang.org/x/sys/cpu"

var haveAVX2 = cpu.X86.HasAVX2

// specialBlocks is specialBlocksGo for whole 64-byte blocks of b (len(b)
// a multiple of 64), with AVX2 where the processor has it.
func specialBlocks(b []byte, mask []uint64) {
	if haveAVX2 && len(b) > 0 {
		_ = mask[len(b)>>6-1]
		specialBlocksAVX2(&b[0], len(b)>>6, &mask[0])
		return
	}
	specialBlocksGo(b, mask)
}

// specialBlocksAVX2 marks n blocks of 64 bytes from b into n words from
// mask, two 32-byte compares per block (mask_amd64.s).
//
//go:noescape
func specialBlocksAVX2(b *byte, n int, mask *uint64)
