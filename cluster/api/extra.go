package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
)

// Extra holds the members of a JSON object that its Go type does not model,
// verbatim, so that writing the object gives them back unchanged.
type Extra map[string]json.RawMessage

// Keys returns the member names, sorted.
func (e Extra) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Set stores v, encoded as JSON, under key. Defaulting uses it to write
// kOps fields that drydock does not model.
func (e *Extra) Set(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if *e == nil {
		*e = Extra{}
	}
	(*e)[key] = b
	return nil
}

// Get decodes the member key into v and reports whether it was present.
func (e Extra) Get(key string, v any) (bool, error) {
	raw, ok := e[key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

// Object is a JSON object kept opaque: a kOps field that drydock carries
// through unchanged without rehearsing it (kubelet, kubeAPIServer, …).
// Numbers are kept as json.Number so none loses precision.
type Object map[string]any

// UnmarshalJSON decodes numbers as json.Number.
func (o *Object) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		return err
	}
	*o = m
	return nil
}

// decodeObject decodes the JSON object data into typed, a pointer to a
// struct, and stores the members that typed does not declare in extra.
// Member names match exactly (encoding/json alone would also accept
// "MachineType" for "machineType" and then write both).
func decodeObject(data []byte, typed any, extra *Extra) error {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return err
	}
	known := make(map[string]json.RawMessage, len(all))
	for _, name := range jsonNames(reflect.TypeOf(typed).Elem()) {
		if v, ok := all[name]; ok {
			known[name] = v
			delete(all, name)
		}
	}
	b, err := json.Marshal(known)
	if err != nil {
		return err
	}
	reflect.ValueOf(typed).Elem().SetZero()
	if err := json.Unmarshal(b, typed); err != nil {
		return err
	}
	*extra = nil
	if len(all) > 0 {
		*extra = all
	}
	return nil
}

// encodeObject encodes typed and adds the members of extra it lacks.
func encodeObject(typed any, extra Extra) ([]byte, error) {
	b, err := json.Marshal(typed)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range extra {
		if _, modelled := m[k]; !modelled {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// jsonNames returns the JSON member names of the fields of struct type t.
func jsonNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if name, ok := jsonName(f); ok {
			names = append(names, name)
		}
	}
	return names
}

// jsonName is the member name of field f, false when it is not encoded.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return "", false
	case "":
		return f.Name, true
	}
	return name, true
}
