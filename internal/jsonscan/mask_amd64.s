//go:build !purego

#include "textflag.h"

// func specialBlocksAVX2(b *byte, n int, mask *uint64)
//
// For each 64-byte block, bit j of its mask word is set when byte j is a
// quote, a backslash, or below 0x20 or at or above 0x80: one signed
// compare, 0x20 > byte, catches both of the last two.
TEXT ·specialBlocksAVX2(SB), NOSPLIT, $0-24
	MOVQ b+0(FP), SI
	MOVQ n+8(FP), CX
	MOVQ mask+16(FP), DI
	MOVQ $0x22, AX
	MOVQ AX, X1
	VPBROADCASTB X1, Y1
	MOVQ $0x5c, AX
	MOVQ AX, X2
	VPBROADCASTB X2, Y2
	MOVQ $0x20, AX
	MOVQ AX, X3
	VPBROADCASTB X3, Y3

loop:
	TESTQ CX, CX
	JZ    done
	VMOVDQU (SI), Y4
	VMOVDQU 32(SI), Y5
	VPCMPEQB Y1, Y4, Y6
	VPCMPEQB Y2, Y4, Y7
	VPOR     Y6, Y7, Y6
	VPCMPGTB Y4, Y3, Y7
	VPOR     Y6, Y7, Y6
	VPMOVMSKB Y6, AX
	VPCMPEQB Y1, Y5, Y8
	VPCMPEQB Y2, Y5, Y9
	VPOR     Y8, Y9, Y8
	VPCMPGTB Y5, Y3, Y9
	VPOR     Y8, Y9, Y8
	VPMOVMSKB Y8, DX
	SHLQ $32, DX
	ORQ  DX, AX
	MOVQ AX, (DI)
	ADDQ $64, SI
	ADDQ $8, DI
	DECQ CX
	JMP  loop

done:
	VZEROUPPER
	RET
