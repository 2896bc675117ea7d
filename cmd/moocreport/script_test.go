package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/moocreport/moocreport/internal/golden"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts under testdata/script run `moocreport` as a
// command: testscript re-executes this test binary with run() as main.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"moocreport": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts: each file under testdata/script is a
// txtar archive holding one small study (study.yaml, its data, content/)
// and the commands run on it with what they must print and write, in the
// manner of the go command's own script tests. `go test -run TestScripts
// -update` rewrites the expected output held in the scripts.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		UpdateScripts:       golden.Update(),
		Cmds:                scriptCmds,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", epoch)
			env.Setenv("MOOCREPORT_SALT", "")
			// The real exports beside the clone, as CI has them.
			real, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "realdata"))
			env.Setenv("REALDATA", real)
			return err
		},
	})
}

// gzipCmd is `gzip FILE`: FILE becomes FILE.gz, as gzip(1) does, so a
// script can hold a tracking log as text.
func gzipCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: gzip FILE")
	}
	name := ts.MkAbs(args[0])
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(ts.ReadFile(args[0])))
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(name+".gz", buf.Bytes(), 0o644))
	ts.Check(os.Remove(name))
}

// truncateCmd is `truncate FILE N`: FILE keeps its first N bytes, as a
// copy cut off by a full disk or a dropped connection.
func truncateCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: truncate FILE BYTES")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Check(os.Truncate(ts.MkAbs(args[0]), int64(n)))
}
