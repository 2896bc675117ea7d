package report

import (
	"strings"
	"unicode"
)

// MethodsID is the id of the generated section that defines every measure,
// "Methods and definitions". Tables and figures name the paragraph of it
// that defines their numbers (Table.DefinedIn, Figure.DefinedIn) instead
// of repeating the definition beside each of them.
const MethodsID = "methods"

// DefinitionRef says where a table's or figure's numbers are defined: the
// title of a paragraph of Methods and definitions, which opens with that
// title in bold ("**Surveys.** …"), and the section's number and title
// for the reader; Section is "" when the document has no such section.
type DefinitionRef struct {
	Term, Number, Section string
}

// FindDefinition is where term is defined in doc; the zero Term when term
// is "".
func FindDefinition(doc *Document, term string) DefinitionRef {
	if term == "" {
		return DefinitionRef{}
	}
	for i, s := range doc.Sections {
		if s.ID == MethodsID {
			return DefinitionRef{Term: term, Number: SectionNumber(doc.Sections, i), Section: s.Title}
		}
	}
	return DefinitionRef{Term: term}
}

// Sentence is the reference in words, for a page without links: `See
// “Surveys” in appendix A.` It is kept short, as it may stand under
// several tables of a page.
func (d DefinitionRef) Sentence() string {
	if d.Section == "" {
		return "See “" + d.Term + "” in the methods."
	}
	kind := "section "
	if d.Number != "" && !unicode.IsDigit(rune(d.Number[0])) {
		kind = "appendix "
	}
	return "See “" + d.Term + "” in " + kind + d.Number + "."
}

// DefinitionAnchor is the element id the site gives the paragraph of
// Methods and definitions titled term: "def-" and the term's letters and
// digits in lower case, words joined by '-'.
func DefinitionAnchor(term string) string {
	var b strings.Builder
	b.WriteString("def")
	for _, w := range strings.FieldsFunc(strings.ToLower(term), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString("-" + w)
	}
	return b.String()
}
