package api

import (
	"bytes"
	"strings"
)

// document is one YAML document of a stream.
type document struct {
	line int // 1-based line of the stream where the body starts
	body []byte
}

// splitDocuments splits a YAML stream at its "---" separators (a line that
// is "---" alone, or followed by a space and content or a comment) and its
// "..." document ends. Empty documents are kept; the caller skips them.
func splitDocuments(data []byte) []document {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var docs []document
	cur := document{line: 1}
	var body strings.Builder
	next := func(line int) {
		cur.body = []byte(body.String())
		docs = append(docs, cur)
		cur = document{line: line}
		body.Reset()
	}
	for i, raw := range strings.SplitAfter(string(data), "\n") {
		line := strings.TrimRight(raw, "\r\n")
		if line == "..." || strings.HasPrefix(line, "... ") {
			next(i + 2)
			continue
		}
		if line != "---" && !strings.HasPrefix(line, "--- ") && !strings.HasPrefix(line, "---\t") {
			body.WriteString(raw)
			continue
		}
		next(i + 2)
		if rest := strings.TrimSpace(line[3:]); rest != "" && !strings.HasPrefix(rest, "#") {
			body.WriteString(rest + "\n") // "--- {a: 1}": content on the marker line
			cur.line = i + 1
		}
	}
	next(0)
	return docs
}

// isEmpty reports whether a document holds only blanks and comments.
func (d document) isEmpty() bool {
	for _, line := range strings.Split(string(d.body), "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			return false
		}
	}
	return true
}
