package study

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"gopkg.in/yaml.v3"
)

// problems collects every problem found in one study.yaml, as go vet does, each as a
// *report.InputError at the line and column where the setting is written.
type problems struct {
	file string
	pos  positions
	errs []*report.InputError
	// decoded marks the decoding problems; failed holds the settings that
	// did not decode, and failedLine the lines of decoding problems not
	// placed at a setting: a check that then sees such a setting's zero
	// value has nothing to add.
	decoded    map[*report.InputError]bool
	failed     map[string]bool
	failedLine map[int]bool
	// meant holds the settings an unknown key was taken to mean ("did you
	// mean"): that one is then not reported missing as well.
	meant map[string]bool
}

// add records a problem with the setting at path ("courses[0].pass_mark"); a setting
// that is not written is placed at its enclosing mapping.
func (p *problems) add(path, format string, args ...any) {
	line, col := p.pos.at(path)
	p.errs = append(p.errs, &report.InputError{File: p.file, Line: line, Column: col, Field: path, Msg: fmt.Sprintf(format, args...)})
}

// oneOf checks that the value at path is one of allowed (an empty value is the
// caller's business), suggesting the closest when it is not.
func (p *problems) oneOf(path, got string, allowed []string) bool {
	if slices.Contains(allowed, got) {
		return true
	}
	if got == "" && !p.pos.has(path) {
		p.add(path, "missing: want one of %s", strings.Join(allowed, ", "))
		return false
	}
	p.add(path, "want one of %s, got %q%s", strings.Join(allowed, ", "), got, report.DidYouMean(got, allowed))
	return false
}

// err is every problem in file order, joined; nil when there is none. A setting
// that failed to decode is not reported again by the checks that saw its zero value.
func (p *problems) err() error {
	if len(p.errs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.errs, func(a, b *report.InputError) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Column - b.Column
	})
	var out []error
	for _, e := range p.errs {
		if !p.decoded[e] && p.echoes(e) {
			continue
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// echoes reports whether a check's problem only repeats a decoding problem:
// it is about a setting (or inside one) that failed to decode, or it says
// missing the setting an unknown key was taken to mean.
func (p *problems) echoes(e *report.InputError) bool {
	if p.failedLine[e.Line] || p.meant[e.Field] && strings.HasPrefix(e.Msg, "missing") {
		return true
	}
	for f := e.Field; f != ""; f = parent(f) {
		if p.failed[f] {
			return true
		}
	}
	return false
}

// decodeProblem records a problem yaml.v3 found while decoding.
func (p *problems) decodeProblem(e *report.InputError) {
	if p.decoded == nil {
		p.decoded, p.failed, p.failedLine = map[*report.InputError]bool{}, map[string]bool{}, map[int]bool{}
	}
	p.decoded[e] = true
	switch {
	case strings.HasPrefix(e.Msg, "unknown key"):
	case e.Field != "":
		p.failed[e.Field] = true
	default:
		p.failedLine[e.Line] = true
	}
	p.errs = append(p.errs, e)
}

var (
	syntaxLine   = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	placed       = regexp.MustCompile(`^line (\d+)(?:, column (\d+))?: (.*)$`)
	unknownField = regexp.MustCompile(`^field (\S+) not found in type (\S+)$`)
	wrongType    = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

// decodeError turns a yaml.v3 decoding error into problems in the file's words.
func (p *problems) decodeError(err error) {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		e := &report.InputError{File: p.file, Msg: msg}
		if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Msg = m[2]
		}
		p.decodeProblem(e)
		return
	}
	for _, msg := range te.Errors {
		e := &report.InputError{File: p.file, Msg: msg}
		if m := placed.FindStringSubmatch(msg); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Column, _ = strconv.Atoi(m[2])
			e.Msg = m[3]
			p.place(e)
		}
		p.decodeProblem(e)
	}
}

// place finds the column and setting of a decoding problem that yaml.v3 knows only
// by line, and rewords it.
func (p *problems) place(e *report.InputError) {
	if e.Column > 0 {
		e.Field, _ = p.pos.nodeAt(e.Line, e.Column)
		return
	}
	if m := unknownField.FindStringSubmatch(e.Msg); m != nil {
		path, col, _ := p.pos.keyAt(e.Line, m[1])
		e.Column, e.Field = col, parent(path)
		e.Msg = fmt.Sprintf("unknown key %q%s", m[1], report.DidYouMean(m[1], yamlKeys[m[2]]))
		if k := report.Closest(m[1], yamlKeys[m[2]]); k != "" {
			if p.meant == nil {
				p.meant = map[string]bool{}
			}
			p.meant[join(e.Field, k)] = true
		}
		if !strings.Contains(e.Msg, "did you mean") && len(yamlKeys[m[2]]) > 0 {
			e.Msg += fmt.Sprintf(" (keys here: %s)", strings.Join(yamlKeys[m[2]], ", "))
		}
		return
	}
	if m := wrongType.FindStringSubmatch(e.Msg); m != nil {
		e.Field, e.Column, _ = p.pos.valueAt(e.Line, m[2])
		want, ok := typeWords[m[3]]
		if !ok {
			want = "a " + strings.TrimPrefix(m[3], "study.")
		}
		if m[2] == "" {
			e.Msg = fmt.Sprintf("want %s, got a %s", want, yamlKinds[m[1]])
		} else {
			e.Msg = fmt.Sprintf("want %s, got %q", want, m[2])
		}
	}
}

// typeWords says in a user's words what a Go field type wants.
var typeWords = map[string]string{
	"int": "a whole number", "float64": "a number", "bool": "true or false", "string": "a text value",
	"time.Duration": "a duration such as 30m or 1h", "*float64": "a number",
	"[]string": "a list", "[]study.Course": "a list of courses", "[]study.Source": "a list of sources",
	"[]study.Survey": "a list of surveys", "[]study.Question": "a list of questions",
	"[]study.Comparison": "a list of comparisons", "[]study.ItemPair": "a list of {pre, post} pairs",
	"map[string]study.Scale": "a mapping of scale names to scales", "map[string][]string": "a mapping of survey keys to lists of items",
	"study.Privacy": "a mapping (min_cell, publish_text)", "study.Activity": "a mapping (preset, exclude, …)",
	"study.PDF": "a mapping (page_size)", "study.Scale": "a mapping (labels, items, reverse)",
}

// yamlKinds names yaml.v3's short tags in a user's words.
var yamlKinds = map[string]string{"map": "mapping", "seq": "list", "str": "text value", "int": "number", "float": "number", "bool": "true/false"}

// yamlKeys lists, for each type a study.yaml decodes into (by the name yaml.v3 gives
// it, "study.Course"), the keys it accepts, for "did you mean".
var yamlKeys = func() map[string][]string {
	out := map[string][]string{}
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		name := t.String()
		if t.Kind() != reflect.Struct || out[name] != nil {
			return
		}
		out[name] = []string{}
		out[name] = structKeys(t, visit)
	}
	visit(reflect.TypeFor[Study]())
	return out
}()

// structKeys lists the yaml keys of struct type t, inlined structs included, calling
// visit on each field's type.
func structKeys(t reflect.Type, visit func(reflect.Type)) []string {
	var keys []string
	for f := range t.Fields() {
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		switch {
		case name == "-" || !f.IsExported():
		case strings.Contains(opts, "inline"):
			keys = append(keys, structKeys(f.Type, visit)...)
		default:
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			keys = append(keys, name)
			visit(f.Type)
		}
	}
	return keys
}
