package jsonscan

import (
	"encoding/binary"
	"math/bits"
)

// specials sets mask, one bit per byte of b (bit j of word w for byte
// 64w+j), to mark the bytes a string cannot hold without a closer look
// (not strPlain: the quote, the backslash, control characters, non-ASCII),
// and marks every bit past the end of b in the last word too, so that a
// search for the next mark always stops by len(b). mask must have
// (len(b)+63)/64 words.
//
// A line's marks are made once, 64 bytes at a time (with vector
// instructions where the processor has them, specialBlocks), and each
// string is then scanned by reading the next mark (scanner.next) instead of
// testing its bytes: most of a tracking-log line is strings, most of them
// short, and the byte loop and its mispredicted exits were the largest
// part of the scan.
func specials(b []byte, mask []uint64) {
	full := len(b) &^ 63
	specialBlocks(b[:full], mask)
	n := len(b) - full
	if n == 0 {
		return
	}
	// The last, partial block, from a copy: the memory past b's end
	// (up to its capacity) may be another goroutine's.
	var pad [64]byte
	copy(pad[:], b[full:])
	specialBlocks(pad[:], mask[full>>6:])
	mask[full>>6] |= ^uint64(0) << n
}

// specialBlocksGo is specialBlocks without vector instructions: eight
// bytes at a time by special, whose marks (the high bit of each byte) are
// gathered into one byte by a multiplication.
func specialBlocksGo(b []byte, mask []uint64) {
	for w := range len(b) >> 6 {
		var m uint64
		for k := range 8 {
			s := special(binary.LittleEndian.Uint64(b[w<<6+k<<3:]))
			m |= gather(s) << (k << 3)
		}
		mask[w] = m
	}
}

// gather packs the high bits of the eight bytes of s (the only bits set)
// into the low byte, byte i's bit as bit i: the products of the shifted
// bits land in distinct bits of the top byte, so none carry.
func gather(s uint64) uint64 {
	return ((s >> 7) * 0x0102040810204080) >> 56
}

// next is the position of the first mark at or after i, or len(s.b) when
// there is none.
func (s *scanner) next(i int) int {
	w := i >> 6
	if w >= len(s.mask) {
		return len(s.b)
	}
	if m := s.mask[w] >> (i & 63); m != 0 {
		return i + bits.TrailingZeros64(m)
	}
	for w++; w < len(s.mask); w++ {
		if m := s.mask[w]; m != 0 {
			return w<<6 + bits.TrailingZeros64(m)
		}
	}
	return len(s.b)
}
