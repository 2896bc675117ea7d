package report

import "testing"

func TestBlockID(t *testing.T) {
	for in, want := range map[string]string{
		"block-v1:NordhavnX+EAT101x+1T2026+type@problem+block@3f2a": "3f2a",
		"i4x://edX/DemoX/problem/Sample_Algebraic_Problem":          "Sample_Algebraic_Problem",
		"Homework 1: Week 1/2 - Q1":                                 "Homework 1: Week 1/2 - Q1",
		"3f2a":                                                      "3f2a",
	} {
		if got := BlockID(in); got != want {
			t.Errorf("BlockID(%q) = %q, want %q", in, got, want)
		}
	}
}
