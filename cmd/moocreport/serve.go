package main

import (
	"flag"
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

// runServe is `moocreport serve`: a live preview of the draft on
// localhost until interrupted.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: moocreport serve [-study study.yaml] [-port N] [-open] [-no-cache] [-poll]")
		fmt.Fprintln(fs.Output(), "\nPreviews the report as a draft on this machine, rebuilding and reloading open pages whenever\nstudy.yaml, content/, templates/ or a data file changes. Nothing is published.")
		fs.PrintDefaults()
	}
	studyFile := fs.String("study", "study.yaml", "the study definition")
	port := fs.Int("port", 0, "port on 127.0.0.1 (default: a free one)")
	open := fs.Bool("open", false, "open the preview in the default browser")
	noCache := fs.Bool("no-cache", false, "read every input and draw every chart again on each rebuild")
	poll := fs.Bool("poll", false, "watch files by polling (for file systems without change notifications)")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	opt := serve.Options{StudyFile: *studyFile, Addr: "127.0.0.1:" + strconv.Itoa(*port), Tool: "moocreport " + version, Log: stderr}
	if !*noCache {
		opt.Cache = &build.Cache{Dir: build.DefaultCacheDir(filepath.Dir(*studyFile)), Log: stderr}
	}
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
