// Package pdftest runs the command-line tools an archivist would use on a
// PDF (poppler's pdftotext, pdfinfo and pdffonts; qpdf; pdfdetach) from
// tests. A missing tool fails the test, naming the package that installs it,
// so a test of a PDF cannot pass by skipping its check.
package pdftest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// Run runs the tool name with args and returns what it wrote to standard
// output. It fails the test when the tool is not on PATH or exits with an
// error, showing both of its outputs.
func Run(t testing.TB, name string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Fatalf("%s not found on PATH: install poppler-utils and qpdf (make deps)", name)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// Text returns the text of the PDF at path in UTF-8, as pdftotext reads it.
func Text(t testing.TB, path string) string {
	t.Helper()
	return Run(t, "pdftotext", "-enc", "UTF-8", path, "-")
}
