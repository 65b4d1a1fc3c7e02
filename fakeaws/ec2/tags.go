package ec2

import (
	"strings"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Tag is a key/value tag of a resource.
type Tag struct {
	Key   string `json:"k" xml:"key"`
	Value string `json:"v" xml:"value"`
}

// maxTags is EC2's limit of tags per resource.
const maxTags = 50

// taggable is a table CreateTags and DeleteTags can reach by ID.
type taggable interface {
	typ() string
	loadTags(tx *store.Tx, sc scope, id string) ([]Tag, error)
	storeTags(tx *store.Tx, sc scope, id string, tags []Tag) error
}

// The tag index lists every tag of the scope as resourceID NUL key, so
// that DescribeTags reads only tags, in resource order.
const tagIndexKind = "tagindex"

type indexedTag struct {
	Type  string `json:"t"`
	Value string `json:"v"`
}

// indexTags makes the index hold exactly tags for id.
func indexTags(tx *store.Tx, sc scope, id, typ string, tags []Tag) error {
	b := sc.bucket(tx, tagIndexKind)
	var old []string
	if err := b.Scan(id+"\x00", "", func(k string, _ []byte) (bool, error) {
		old = append(old, k)
		return true, nil
	}); err != nil {
		return err
	}
	for _, k := range old {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	for _, t := range tags {
		if err := b.Put(id+"\x00"+t.Key, indexedTag{Type: typ, Value: t.Value}); err != nil {
			return err
		}
	}
	return nil
}

// validateTag checks a tag as EC2 does.
func validateTag(t Tag) error {
	switch {
	case t.Key == "":
		return invalidParameterValue("Tag key cannot be empty")
	case utf8.RuneCountInString(t.Key) > 128:
		return invalidParameterValue("Tag key exceeds the maximum length of 128 characters")
	case utf8.RuneCountInString(t.Value) > 256:
		return invalidParameterValue("Tag value exceeds the maximum length of 256 characters")
	case strings.HasPrefix(strings.ToLower(t.Key), "aws:"):
		return invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use")
	}
	return nil
}

// mergeTags sets add on tags, replacing the values of existing keys and
// keeping first-set order.
func mergeTags(tags, add []Tag) []Tag {
	out := append([]Tag(nil), tags...)
next:
	for _, a := range add {
		for i := range out {
			if out[i].Key == a.Key {
				out[i].Value = a.Value
				continue next
			}
		}
		out = append(out, a)
	}
	return out
}

func tooManyTags() error {
	return awsapi.BadRequest("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.")
}

// parseTags reads a Tag.N list (Key, Value).
func parseTags(list []awsapi.Params) ([]Tag, error) {
	var out []Tag
	for _, tp := range list {
		t := Tag{Key: tp.Get("Key"), Value: tp.Get("Value")}
		if err := validateTag(t); err != nil {
			return nil, err
		}
		out = mergeTags(out, []Tag{t})
	}
	if len(out) > maxTags {
		return nil, tooManyTags()
	}
	return out, nil
}

// tagSpecs reads TagSpecification.N for a Create call whose resource is
// of type typ.
func tagSpecs(p awsapi.Params, typ string) ([]Tag, error) {
	m, err := tagSpecsFor(p, typ)
	if err != nil {
		return nil, err
	}
	return m[typ], nil
}

// tagSpecsFor reads TagSpecification.N for a call that creates resources
// of the given types, by type. Another type is InvalidParameterValue.
func tagSpecsFor(p awsapi.Params, types ...string) (map[string][]Tag, error) {
	out := map[string][]Tag{}
	for _, spec := range p.Structs("TagSpecification") {
		rt := spec.Get("ResourceType")
		if rt == "" {
			return nil, invalidParameterValue("Tag specification resource type must have a value")
		}
		known := false
		for _, t := range types {
			known = known || t == rt
		}
		if !known {
			return nil, invalidParameterValue("'%s' is not a valid taggable resource type for this operation.", rt)
		}
		tags, err := parseTags(spec.Structs("Tag"))
		if err != nil {
			return nil, err
		}
		out[rt] = mergeTags(out[rt], tags)
		if len(out[rt]) > maxTags {
			return nil, tooManyTags()
		}
	}
	return out, nil
}

// tagsXML is a tagSet, written even when empty as EC2 does.
type tagsXML = items[Tag]

func tagSet(tags []Tag) tagsXML { return items[Tag]{Item: tags} }
