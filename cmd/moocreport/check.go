package main

import (
	"fmt"
	"io"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/build"
)

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [-study study.yaml] [-q]",
		"Read and validate study.yaml, every data file and the narrative, as build does, and write nothing\n(but the cache of ingested data, "+cacheFolder+").")
	studyFile := fs.String("study", "study.yaml", "the study definition")
	quiet := fs.Bool("q", false, "quiet: no progress, only problems")
	noCache := fs.Bool("no-cache", false, "read every input again, ignoring "+cacheFolder+" beside study.yaml")
	if code, done := parse(fs, args, stdout, stderr); done {
		return code
	}
	pr := newProgress(stderr, *quiet)
	p, err := build.PrepareWith(*studyFile, build.PrepareOptions{Progress: pr.stage, Meter: pr.meter, Cache: studyCache(*studyFile, *noCache, stderr)})
	pr.done()
	if err != nil {
		return fail(stderr, err)
	}
	if !*quiet {
		fmt.Fprintf(stdout, "%s: ok: %s, %s, %s\n", *studyFile, report.Count(len(p.Data.Inputs), "input file"), report.Count(p.Data.Learners, "learner"), report.Count(len(p.Measures.Measures), "measure"))
	}
	return 0
}
