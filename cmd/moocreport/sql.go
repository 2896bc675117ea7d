package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/moocreport/moocreport/report/sqlgen"
	"github.com/moocreport/moocreport/report/study"
)

// runSQL is `moocreport sql`: it prints the SQL that computes, inside an
// engine, what ingest computes from a study's tracking logs (see
// report/sqlgen and README "Larger than one machine").
func runSQL(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	engine := fs.String("engine", "", "the SQL engine: "+strings.Join(sqlgen.Engines, ", "))
	studyFile := fs.String("study", "study.yaml", "the study definition")
	course := fs.String("course", "", "only this course (its key in study.yaml)")
	input := fs.String("input", "", "the logs instead of the source's path: a glob of JSON-lines files, gzipped or not, or table:NAME (columns file, line)")
	profile := fs.String("profile", "", "the course's edx-profile files instead of study.yaml's: a glob, or table:NAME (columns id, username)")
	out := fs.String("out", "activity", "folder the result tables are written to, one subfolder per course")
	format := fs.String("format", "parquet", "format of the result tables: parquet or csv")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "moocreport sql: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if sqlgen.Dialects[*engine] == nil {
		fmt.Fprintf(stderr, "moocreport sql: -engine: want one of %s, got %q\n", strings.Join(sqlgen.Engines, ", "), *engine)
		return 2
	}
	s, err := study.Load(*studyFile)
	if err != nil {
		return fail(stderr, err)
	}
	opts, err := sqlgen.ForStudy(s, *engine, *course, *input, *profile, *out, *format)
	if err != nil {
		return fail(stderr, err)
	}
	for i, o := range opts {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		if err := sqlgen.Write(stdout, o); err != nil {
			return fail(stderr, err)
		}
	}
	return 0
}
