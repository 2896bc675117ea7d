package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/moocreport/moocreport/report/build"
	"github.com/moocreport/moocreport/report/serve"
)

// cacheFolder is where build, check and serve keep ingested data and drawn
// charts, beside study.yaml.
const cacheFolder = ".moocreport-cache/"

// studyCache is the cache of the study in studyFile, or nil with -no-cache.
// Damaged entries are reported on w as they are rebuilt.
func studyCache(studyFile string, off bool, w io.Writer) *build.Cache {
	if off {
		return nil
	}
	return &build.Cache{Dir: build.DefaultCacheDir(filepath.Dir(studyFile)), Log: w}
}

// runServe is `moocreport serve`: a live preview of the draft on
// localhost until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [-study study.yaml] [-port N] [-open] [-no-cache] [-poll]",
		`Preview the report as a draft on this machine: build it into a temporary folder, serve it
on 127.0.0.1 marked as a draft, and rebuild and reload open pages whenever study.yaml,
content/, templates/ or a data file changes. A failed rebuild shows its error, with the
file and line, over the last good draft. Nothing is published; stopping the server (Ctrl-C)
leaves nothing behind but the cache.`)
	studyFile := fs.String("study", "study.yaml", "the study definition")
	port := fs.Int("port", 0, "port on 127.0.0.1 (default: a free one)")
	open := fs.Bool("open", false, "open the preview in the default browser")
	noCache := fs.Bool("no-cache", false, "read every input and draw every chart again on each rebuild")
	poll := fs.Bool("poll", false, "watch files by polling (for file systems without change notifications)")
	if code, done := parse(fs, args, stdout, stderr); done {
		return code
	}
	opt := serve.Options{StudyFile: *studyFile, Addr: "127.0.0.1:" + strconv.Itoa(*port), Tool: "moocreport " + version, Log: stderr,
		Cache: studyCache(*studyFile, *noCache, stderr)}
	if *poll {
		opt.Poll = 300 * time.Millisecond
	}
	srv, err := serve.Start(opt)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "Serving the draft of %s at %s (Ctrl-C to stop)\n", *studyFile, srv.URL())
	if *open {
		if err := exec.Command("xdg-open", srv.URL()).Start(); err != nil {
			fmt.Fprintf(stderr, "cannot open a browser (%v); open %s yourself\n", err, srv.URL())
		}
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	signal.Stop(stop)
	if err := srv.Close(); err != nil {
		return fail(stderr, err)
	}
	return 0
}
