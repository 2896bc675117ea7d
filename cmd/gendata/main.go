// Command gendata writes the example study's synthetic raw exports (edX
// profiles, grade reports, tracking logs and Qualtrics surveys) under a data
// directory. The same seed always gives the same bytes, so the committed
// data/ tree can be regenerated and checked:
//
//	go run ./cmd/gendata -out data
//
// -learners and -repeat enlarge the example for benchmarks (make
// bench-peers): more learners, and every tracking event written several
// times.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/moocreport/moocreport/internal/exampledata"
)

func main() {
	out := flag.String("out", "data", "directory to write the course folders into")
	seed := flag.Uint64("seed", exampledata.DefaultSeed, "random seed; the committed data uses the default")
	learners := flag.Float64("learners", 1, "multiply each course's learners by this (benchmarks; the committed data uses 1)")
	repeat := flag.Int("repeat", 1, "write every tracking event this many times, a second apart (benchmarks; the committed data uses 1)")
	flag.Parse()
	if err := exampledata.GenerateScaled(*out, *seed, exampledata.Scale{Learners: *learners, Repeat: *repeat}); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
