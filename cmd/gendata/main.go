// Command gendata writes the example study's synthetic raw exports (edX
// profiles, grade reports, tracking logs and Qualtrics surveys) under a data
// directory. The same seed always gives the same bytes, so the committed
// data/ tree can be regenerated and checked:
//
//	go run ./cmd/gendata -out data
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
	flag.Parse()
	if err := exampledata.Generate(*out, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gendata:", err)
		os.Exit(1)
	}
}
