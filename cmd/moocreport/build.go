package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/moocreport/moocreport/report/build"
	"github.com/moocreport/moocreport/report/site"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "build [-study study.yaml] [-public dir] [-force | -draft] [-appendix] [-q]",
		`Build the report and publish it as public/<version>/, the version named in study.yaml,
with public/index.html listing every version and public/latest/ a copy of the newest.
A published version never changes: rebuilding it with different results is refused
unless -force is given. -draft writes public/draft/ instead, replaced by every -draft
build, marked as a draft on every page and in the PDF, and never listed as a version.`)
	studyFile := fs.String("study", "study.yaml", "the study definition")
	public := fs.String("public", "", "output folder (default: public/ beside study.yaml)")
	force := fs.Bool("force", false, "replace a published version whose content changed")
	draft := fs.Bool("draft", false, "write a draft to public/draft/ instead of publishing a version")
	appendix := fs.Bool("appendix", false, "also write the paper appendix, public/<version>/appendix/ (or appendix: true in study.yaml)")
	quiet := fs.Bool("q", false, "quiet: no progress and no summary, only problems")
	noCache := fs.Bool("no-cache", false, "read every input and draw every chart again, ignoring "+cacheFolder+" beside study.yaml")
	if code, done := parse(fs, args, stdout, stderr); done {
		return code
	}
	if *force && *draft {
		fmt.Fprintln(stderr, "moocreport build: -force and -draft do not go together: a draft is always replaced, -force replaces a published version")
		return 2
	}
	built, err := sourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return fail(stderr, err)
	}
	log := stdout
	if *quiet {
		log = io.Discard
	}
	pr := newProgress(stderr, *quiet)
	res, err := build.Run(build.Options{StudyFile: *studyFile, Public: *public, Built: built, Now: time.Now(), Force: *force, Draft: *draft,
		Appendix: *appendix, Tool: "moocreport " + version, Log: log, Progress: pr.stage, Cache: studyCache(*studyFile, *noCache, stderr)})
	pr.done()
	if err != nil {
		var ce *site.ChangedError
		if errors.As(err, &ce) {
			fail(stderr, err)
			fmt.Fprint(stderr, nextSteps(ce.Version))
			return 1
		}
		return fail(stderr, err)
	}
	if *draft {
		fmt.Fprintf(log, "built a draft of version %s in %s (not published; the next -draft build replaces it)\n", res.Version, res.Dir)
	} else {
		fmt.Fprintf(log, "built version %s in %s\n", res.Version, res.Dir)
	}
	return 0
}

// nextSteps says what to do when a published version would change.
func nextSteps(v string) string {
	next := "a new version"
	if n := bump(v); n != "" {
		next = fmt.Sprintf("version: %q", n)
	}
	return fmt.Sprintf(`Published versions never change, so that whoever cites one finds what they cited. Either:
  - publish these results as a new version: set %s in study.yaml, then build again;
  - preview them without publishing: moocreport build -draft (writes public/draft/);
  - replace version %s anyway, if nobody can have read or cited it yet: moocreport build -force.
`, next, v)
}

var lastNumber = regexp.MustCompile(`^(.*?)(\d+)(\D*)$`)

// bump proposes the version after v by adding one to its last number
// ("1.0.0" → "1.0.1"); empty when v has no number.
func bump(v string) string {
	m := lastNumber.FindStringSubmatch(v)
	if m == nil {
		return ""
	}
	n, err := strconv.ParseUint(m[2], 10, 64)
	if err != nil {
		return ""
	}
	return m[1] + strconv.FormatUint(n+1, 10) + m[3]
}

// maxEpoch is the last second of the year 9999: later times have no
// four-digit year, which RFC 3339 (manifest.json) requires.
const maxEpoch = 253402300799

// sourceDateEpoch reads SOURCE_DATE_EPOCH (reproducible-builds.org): whole
// seconds since 1970-01-01 UTC; zero when unset.
func sourceDateEpoch(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	sec, err := strconv.ParseInt(v, 10, 64)
	if err != nil || sec < 0 || sec > maxEpoch {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH: want whole seconds since 1970-01-01 UTC, from 0 to %d (the end of the year 9999), got %q", int64(maxEpoch), v)
	}
	return time.Unix(sec, 0).UTC(), nil
}
