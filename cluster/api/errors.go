package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

// Location places a document in a manifest.
type Location struct {
	Document int    // 1-based, counting non-empty documents
	Line     int    // line of the stream where the document starts
	Kind     string // when known
	Name     string // when known
}

func (l Location) String() string {
	s := fmt.Sprintf("document %d (line %d", l.Document, l.Line)
	if l.Kind != "" {
		s += ", " + strings.TrimSpace(l.Kind+" "+l.Name)
	}
	return s + ")"
}

// ParseError is an error reading a manifest: where, which field, what.
type ParseError struct {
	Location Location
	Path     string // "spec.subnets[1].cidr"; empty for the whole document
	Msg      string
}

func (e *ParseError) Error() string {
	if e.Path == "" {
		return e.Location.String() + ": " + e.Msg
	}
	return e.Location.String() + ": " + e.Path + ": " + e.Msg
}

func (l Location) errorf(path, format string, args ...any) error {
	return &ParseError{Location: l, Path: path, Msg: fmt.Sprintf(format, args...)}
}

var yamlLine = regexp.MustCompile(`^(?:error converting YAML to JSON: )?yaml: line (\d+): `)

// yamlError reports a syntax error at its line in the whole stream.
func (l Location) yamlError(err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return l.errorf("", "malformed YAML at line %d: %s", l.Line+n-1, msg[len(m[0]):])
	}
	return l.errorf("", "malformed YAML: %s", strings.TrimPrefix(msg, "error converting YAML to JSON: "))
}

// decodeError turns an encoding/json error into a ParseError whose path
// has the list indices encoding/json leaves out, found in the document j.
func (l Location) decodeError(j []byte, err error) error {
	path, msg := DescribeDecodeError(j, err)
	return l.errorf(path, "%s", msg)
}

// DescribeDecodeError explains an error of decoding the JSON object j into
// a Cluster or an InstanceGroup: the field's path, with list indices
// ("spec.subnets[1].cidr"), and what was wrong ("got array, want a
// string"). The path is empty when the error is not about one field.
func DescribeDecodeError(j []byte, err error) (path, msg string) {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return "", err.Error()
	}
	var doc any
	_ = json.Unmarshal(j, &doc)
	path = te.Field
	if path != "" {
		if located, ok := locate(doc, strings.Split(path, "."), te.Value); ok {
			path = located
		}
	}
	return path, typeErrorText(err)
}

// typeErrorText says what was found and what was expected.
func typeErrorText(err error) string {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err.Error()
	}
	return fmt.Sprintf("got %s, want %s", te.Value, kindName(te.Type))
}

func kindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[IntOrString]():
		return "a number or a percentage"
	case reflect.TypeFor[Time]():
		return "an RFC 3339 time"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	}
	return "an object"
}

// locate follows the dotted path through doc, trying each element of the
// lists on the way, to the first value of JSON type kind ("string",
// "number 1.5", …) and returns the path with its list indices.
func locate(doc any, path []string, kind string) (string, bool) {
	kind, _, _ = strings.Cut(kind, " ")
	found, ok := locateIn(doc, path, kind)
	return strings.TrimPrefix(found, "."), ok
}

func locateIn(doc any, path []string, kind string) (string, bool) {
	if list, ok := doc.([]any); ok {
		for i, e := range list {
			if rest, ok := locateIn(e, path, kind); ok {
				return "[" + strconv.Itoa(i) + "]" + rest, true
			}
		}
		return "", len(path) == 0 && kind == "array"
	}
	if len(path) == 0 {
		return "", jsonKind(doc) == kind
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return "", false
	}
	child, ok := obj[path[0]]
	if !ok {
		return "", false
	}
	rest, ok := locateIn(child, path[1:], kind)
	return "." + path[0] + rest, ok
}

func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case bool:
		return "bool"
	case float64:
		return "number"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	}
	return "null"
}

// jsonKindOf names the JSON type of the value j.
func jsonKindOf(j []byte) string {
	var v any
	if err := json.Unmarshal(j, &v); err != nil {
		return "valid JSON"
	}
	if k := jsonKind(v); k == "array" || k == "object" {
		return "an " + k
	}
	return "a " + jsonKind(v)
}
