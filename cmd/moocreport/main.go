// Command moocreport turns a study of an online course into a published,
// citable report: a versioned static HTML site and an archival PDF.
//
//	moocreport build [-study study.yaml] [-public dir] [-force] [-appendix]
//	moocreport check [-study study.yaml]
//	moocreport version
//
// The build time written into every output comes from SOURCE_DATE_EPOCH
// when it is set, so the same inputs give byte-identical output.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/moocreport/moocreport/report/build"
)

// version is the tool's version, written into every manifest and PDF.
const version = "v0.1.0"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code, so tests can
// drive the CLI in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "version":
		fmt.Fprintln(stdout, "moocreport", version)
		return 0
	case "sql":
		return runSQL(args, stdout, stderr)
	case "build", "check":
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "moocreport: unknown command %q\n", cmd)
		usage(stderr)
		return 2
	}
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	studyFile := fs.String("study", "study.yaml", "the study definition")
	public := fs.String("public", "", "output folder (default: public/ beside study.yaml)")
	force := fs.Bool("force", false, "replace a published version whose content changed")
	appendix := fs.Bool("appendix", false, "also write the paper appendix, public/<version>/appendix/ (or appendix: true in study.yaml)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if cmd == "check" {
		p, err := build.Prepare(*studyFile)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "%s: ok: %d input files, %d learners, %d measures\n", *studyFile, len(p.Inputs), len(p.Dataset.Learners), len(p.Measures.Measures))
		return 0
	}
	built, err := sourceDateEpoch()
	if err != nil {
		return fail(stderr, err)
	}
	res, err := build.Run(build.Options{StudyFile: *studyFile, Public: *public, Built: built, Now: time.Now(), Force: *force, Appendix: *appendix,
		Tool: "moocreport " + version, Log: stdout})
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "built version %s in %s\n", res.Version, res.Dir)
	return 0
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org); zero
// when unset.
func sourceDateEpoch() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH: want seconds since 1970, got %q", v)
	}
	return time.Unix(sec, 0).UTC(), nil
}

// fail prints every error of a joined error on its own line.
func fail(w io.Writer, err error) int {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		for _, e := range j.Unwrap() {
			fmt.Fprintln(w, "moocreport:", e)
		}
		return 1
	}
	fmt.Fprintln(w, "moocreport:", err)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage:
  moocreport build [-study study.yaml] [-public dir] [-force] [-appendix]
      build and publish public/<version>/; -appendix adds the paper appendix in public/<version>/appendix/
  moocreport check [-study study.yaml]
      read and validate everything, write nothing
  moocreport sql -engine duckdb|spark|bigquery|clickhouse [-study study.yaml] [-course key] [-input glob] [-profile glob] [-out dir] [-format parquet|csv]
      print the SQL that turns the tracking logs into the tables a source of format edx-activity reads
  moocreport version
`)
}
