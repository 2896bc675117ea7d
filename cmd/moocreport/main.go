// Command moocreport turns a study of an online course into a published,
// citable report: a versioned static HTML site and an archival PDF.
//
//	moocreport build [-study study.yaml] [-public dir] [-force | -draft] [-appendix] [-q]
//	moocreport check [-study study.yaml] [-q]
//	moocreport serve [-study study.yaml] [-port N] [-open]
//	moocreport init [DIR]
//	moocreport version
//	moocreport help [COMMAND]
//
// Each command lives in its own file (build.go, check.go, …) as a function
// run<Name>(args, stdout, stderr) int, wired by one case of the switch in
// run, and makes its own flag set with newFlags, so `moocreport COMMAND -h`
// and `moocreport help COMMAND` list exactly that command's flags.
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
	"strings"
)

// version is the tool's version, written into every manifest and PDF.
const version = "v0.1.0"

func main() {
	limitMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit code (0 done, 1
// failed, 2 misused), so tests can drive the CLI in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(args, stdout, stderr)
	case "check":
		return runCheck(args, stdout, stderr)
	case "serve":
		return runServe(args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "sql":
		return runSQL(args, stdout, stderr)
	case "version":
		return runVersion(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(args, stdout, stderr)
	default:
		fmt.Fprintf(stderr, "moocreport: unknown command %q\n\n", cmd)
		usage(stderr)
		return 2
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: moocreport COMMAND [flags]

commands:
  build     build the report and publish it as public/<version>/ (or public/draft/ with -draft)
  check     read and validate the study and all its data, write nothing
  serve     preview the draft on this machine, rebuilt and reloaded as files change
  sql       print the SQL that aggregates tracking logs inside DuckDB, Spark, BigQuery or ClickHouse
  init      start a study: write study.yaml, content/ and .gitignore here for a folder of exports
  version   print the tool's version
  help      explain a command: moocreport help build

Run "moocreport help COMMAND" or "moocreport COMMAND -h" for a command's flags.
`)
}

// runHelp prints the overview, or one command's usage by asking the
// command itself (COMMAND -h), so the two never disagree.
func runHelp(args []string, stdout, stderr io.Writer) int {
	switch len(args) {
	case 0:
		usage(stdout)
		return 0
	case 1:
		if strings.HasPrefix(args[0], "-") || args[0] == "help" {
			usage(stdout)
			return 0
		}
		return run([]string{args[0], "-h"}, stdout, stderr)
	}
	fmt.Fprintln(stderr, "moocreport help: want at most one command, got", strings.Join(args, " "))
	return 2
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", "Print the tool's version.")
	if code, done := parse(fs, args, stdout, stderr); done {
		return code
	}
	fmt.Fprintln(stdout, "moocreport", version)
	return 0
}

// newFlags makes a command's own flag set. synopsis follows "moocreport "
// in the usage line; about says what the command does.
func newFlags(name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "usage: moocreport %s\n\n%s\n", synopsis, about)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprintln(w, "\nflags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses a command's arguments. When done, the command returns code
// at once: 0 after -h (usage on stdout), 2 after a misuse (the problem and
// the usage on stderr). A command takes no arguments beyond its flags.
func parse(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (code int, done bool) {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, true
	}
	if err == nil && fs.NArg() > 0 {
		err = fmt.Errorf("unexpected argument %q (flags come before any argument, and this command takes none)", fs.Arg(0))
	}
	if err != nil {
		fmt.Fprintf(stderr, "moocreport %s: %v\n\n", fs.Name(), err)
		fs.SetOutput(stderr)
		fs.Usage()
		return 2, true
	}
	return 0, false
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
