package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// courseBlocks is one answer of the Open edX course blocks API
// (/api/courses/v1/blocks/?course_id=…&all_blocks=true&depth=all), the
// course structure: every block by id with its type. The analytics
// pipeline stores one such object per course, as JSON lines, and adds
// "course_id"; the API itself gives only "root".
type courseBlocks struct {
	CourseID string                 `json:"course_id"`
	Root     string                 `json:"root"`
	Blocks   map[string]courseBlock `json:"blocks"`
}

// courseBlock is one block of a course blocks API answer: its type, the
// name the course team gave it and its children in course order.
type courseBlock struct {
	Type        string   `json:"type"`
	DisplayName string   `json:"display_name"`
	Children    []string `json:"children"`
}

// courseStructure is what a course structure tells: how many chapters the
// course has and its blocks in course order with their names.
type courseStructure struct {
	Chapters int
	Outline  []report.OutlineBlock
}

// courseID is the object's course id: "course_id", else the one in its
// root block id (block-v1:Org+Num+Run+type@course+block@course →
// course-v1:Org+Num+Run).
func (cb courseBlocks) courseID() string {
	if cb.CourseID != "" {
		return cb.CourseID
	}
	if rest, ok := strings.CutPrefix(cb.Root, "block-v1:"); ok {
		if i := strings.Index(rest, "+type@"); i >= 0 {
			return "course-v1:" + rest[:i]
		}
	}
	return ""
}

// readCourseBlocks reads course blocks API output (docs/formats.md,
// edx-course-blocks) — one JSON object, or several one after another —
// and returns the number of chapter blocks of course c and its outline
// (see courseBlocks.outline). The structure is
// the authority on how many chapters a course has: the logs and the
// studentmodule table only know the chapters someone opened. Objects of
// other courses are skipped; a file without the course is an error, as
// the user pointed the course at it.
func readCourseBlocks(r io.Reader, file string, c *Course) (courseStructure, []report.Skip, error) {
	var cs courseStructure
	// A course structure is small (a large course's is a few MB), so it
	// is read whole and errors can name lines; the limit keeps a wrong or
	// hostile file from filling memory.
	limit := courseBlocksLimit(c.Limits.Or())
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return cs, nil, &ParseError{File: file, Err: err}
	}
	if len(b) > int(limit) {
		return cs, nil, &ParseError{File: file, Err: fmt.Errorf("%w: a course structure longer than %s (four times limits.max_record), refused (a damaged file? if it is genuine, raise limits.max_record in study.yaml)", ErrTooLong, limit)}
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	found := 0
	var others []string
	skips := map[string]int{}
	for {
		start := dec.InputOffset()
		var cb courseBlocks
		err := dec.Decode(&cb)
		if err == io.EOF {
			break
		}
		if err != nil {
			off := start
			var se *json.SyntaxError
			var te *json.UnmarshalTypeError
			if errors.As(err, &se) {
				off = se.Offset - 1 // Offset is just past the bad byte
			} else if errors.As(err, &te) {
				off = te.Offset
			}
			line, col := lineCol(b, off)
			return cs, nil, &ParseError{File: file, Line: line, Column: col, Err: fmt.Errorf("want course blocks JSON: %w", err)}
		}
		line, _ := lineCol(b, start)
		id := cb.courseID()
		if id == "" || cb.Blocks == nil {
			return cs, nil, &ParseError{File: file, Line: line, Err: errors.New(`want an object with "blocks" and "course_id" or "root"`)}
		}
		if id != c.ID {
			skips["other course"]++
			others = append(others, id)
			continue
		}
		if found > 0 {
			return cs, nil, &ParseError{File: file, Line: line, Err: fmt.Errorf("%w: course %s listed twice", ErrDuplicate, id)}
		}
		found++
		for _, blk := range cb.Blocks {
			if blk.Type == "chapter" {
				cs.Chapters++
			}
		}
		cs.Outline = cb.outline()
	}
	if found == 0 {
		return cs, nil, &ParseError{File: file, Err: fmt.Errorf("no course %s here (courses: %s)", c.ID, strings.Join(others, ", "))}
	}
	return cs, skipsOf(file, skips), nil
}

// lineCol turns a byte offset of b into a 1-based line and byte column,
// skipping the white space before the offset's token.
func lineCol(b []byte, off int64) (int, int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	for off < int64(len(b)) && (b[off] == ' ' || b[off] == '\n' || b[off] == '\r' || b[off] == '\t') {
		off++
	}
	head := b[:off]
	line := bytes.Count(head, []byte("\n")) + 1
	col := int(off) - (bytes.LastIndexByte(head, '\n') + 1) + 1
	return line, col
}

// courseBlocksLimit is the longest course structure file read: four
// records' worth (64 MiB by default).
func courseBlocksLimit(lim study.Limits) study.Size { return 4 * lim.MaxRecord }
