package ec2

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// record is a stored resource: it has an ID and tags.
type record interface {
	key() string
	tagList() []Tag
	setTagList([]Tag)
}

// base is embedded by every stored resource.
type base struct {
	ID   string `json:"id"`
	Tags []Tag  `json:"tags,omitempty"`
}

func (b *base) key() string        { return b.ID }
func (b *base) tagList() []Tag     { return b.Tags }
func (b *base) setTagList(t []Tag) { b.Tags = t }

// table is one kind of resource, stored under the scope's bucket named
// kind and keyed by ID, so that scans run in ID order.
type table[T any, P interface {
	*T
	record
}] struct {
	kind          string // bucket name
	prefix        string // ID prefix, without the dash
	resourceType  string // the type DescribeTags and TagSpecification name
	noun          string // in "The vpc ID 'vpc-1' does not exist"
	notFoundCode  string
	malformedCode string
	// expecting adds (expecting "PREFIX-...") to the Malformed message,
	// as EC2 does for some kinds.
	expecting bool
	// missing overrides the NotFound message for kinds whose message is
	// not "The NOUN ID 'ID' does not exist".
	missing func(ids []string) string
}

// validID reports whether id is prefix-<8 or 17 lowercase hex digits>.
func validID(prefix, id string) bool {
	rest, ok := strings.CutPrefix(id, prefix+"-")
	if !ok || (len(rest) != 8 && len(rest) != 17) {
		return false
	}
	for _, c := range rest {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func (t *table[T, P]) malformed(id string) error {
	if t.expecting {
		return awsapi.BadRequest(t.malformedCode, "Invalid id: \"%s\" (expecting \"%s-...\")", id, t.prefix)
	}
	return awsapi.BadRequest(t.malformedCode, "Invalid id: \"%s\"", id)
}

func (t *table[T, P]) notFound(ids ...string) error {
	if t.missing != nil {
		return awsapi.BadRequest(t.notFoundCode, "%s", t.missing(ids))
	}
	if len(ids) == 1 {
		return awsapi.BadRequest(t.notFoundCode, "The %s ID '%s' does not exist", t.noun, ids[0])
	}
	return awsapi.BadRequest(t.notFoundCode, "The %s IDs '%s' do not exist", t.noun, strings.Join(ids, ", "))
}

func (t *table[T, P]) bucket(tx *store.Tx, sc scope) *store.Bucket { return sc.bucket(tx, t.kind) }

// find loads id; ok is false when it does not exist.
func (t *table[T, P]) find(tx *store.Tx, sc scope, id string) (P, bool, error) {
	var v T
	ok, err := t.bucket(tx, sc).Get(id, &v)
	if err != nil || !ok {
		return nil, false, err
	}
	return &v, true, nil
}

// get loads id, answering Malformed or NotFound as EC2 does.
func (t *table[T, P]) get(tx *store.Tx, sc scope, id string) (P, error) {
	if !validID(t.prefix, id) {
		return nil, t.malformed(id)
	}
	v, ok, err := t.find(tx, sc, id)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, t.notFound(id)
	}
	return v, nil
}

// put stores v and indexes its tags.
func (t *table[T, P]) put(tx *store.Tx, sc scope, v P) error {
	if err := t.bucket(tx, sc).Put(v.key(), v); err != nil {
		return err
	}
	return indexTags(tx, sc, v.key(), t.resourceType, v.tagList())
}

// remove deletes id and its tags.
func (t *table[T, P]) remove(tx *store.Tx, sc scope, id string) error {
	if err := t.bucket(tx, sc).Delete(id); err != nil {
		return err
	}
	return indexTags(tx, sc, id, t.resourceType, nil)
}

// each calls fn for every resource in ID order until fn returns false.
func (t *table[T, P]) each(tx *store.Tx, sc scope, fn func(P) (bool, error)) error {
	return t.bucket(tx, sc).Scan("", "", func(k string, raw []byte) (bool, error) {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("ec2: decode %s %q: %w", t.kind, k, err)
		}
		return fn(&v)
	})
}

// all returns the resources that match, in ID order.
func (t *table[T, P]) all(tx *store.Tx, sc scope, match func(P) bool) ([]P, error) {
	var out []P
	err := t.each(tx, sc, func(v P) (bool, error) {
		if match == nil || match(v) {
			out = append(out, v)
		}
		return true, nil
	})
	return out, err
}

// any reports whether a resource matches.
func (t *table[T, P]) any(tx *store.Tx, sc scope, match func(P) bool) (bool, error) {
	found := false
	err := t.each(tx, sc, func(v P) (bool, error) {
		found = match(v)
		return !found, nil
	})
	return found, err
}

// describe answers a Describe call: the resources named by ids (all when
// none, NotFound when one is missing), kept by match, one page of them in
// ID order and the token of the next page.
func (t *table[T, P]) describe(tx *store.Tx, sc scope, ids []string, match func(P) bool, pg page) ([]P, string, error) {
	if len(ids) > 0 {
		found, err := t.getAll(tx, sc, ids)
		if err != nil {
			return nil, "", err
		}
		var kept []P
		for _, v := range found {
			if (match == nil || match(v)) && v.key() > pg.after {
				kept = append(kept, v)
			}
		}
		return pageOf(kept, pg, func(v P) string { return v.key() })
	}
	var out []P
	more := false
	err := t.bucket(tx, sc).Scan("", pg.after, func(k string, raw []byte) (bool, error) {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("ec2: decode %s %q: %w", t.kind, k, err)
		}
		if match != nil && !match(&v) {
			return true, nil
		}
		if pg.max > 0 && len(out) == pg.max {
			more = true
			return false, nil
		}
		out = append(out, &v)
		return true, nil
	})
	if err != nil {
		return nil, "", err
	}
	next := ""
	if more {
		next = encodeToken(out[len(out)-1].key())
	}
	return out, next, nil
}

// getAll loads ids (duplicates once), in ID order: Malformed for the first
// malformed ID, NotFound naming every missing one.
func (t *table[T, P]) getAll(tx *store.Tx, sc scope, ids []string) ([]P, error) {
	uniq := dedupe(ids)
	for _, id := range uniq {
		if !validID(t.prefix, id) {
			return nil, t.malformed(id)
		}
	}
	var out []P
	var missing []string
	for _, id := range uniq {
		v, ok, err := t.find(tx, sc, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			missing = append(missing, id)
			continue
		}
		out = append(out, v)
	}
	if len(missing) > 0 {
		return nil, t.notFound(missing...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key() < out[j].key() })
	return out, nil
}

func dedupe(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// taggable implementation, for CreateTags and DeleteTags.

func (t *table[T, P]) typ() string { return t.resourceType }

func (t *table[T, P]) loadTags(tx *store.Tx, sc scope, id string) ([]Tag, error) {
	v, err := t.get(tx, sc, id)
	if err != nil {
		return nil, err
	}
	return v.tagList(), nil
}

func (t *table[T, P]) storeTags(tx *store.Tx, sc scope, id string, tags []Tag) error {
	v, err := t.get(tx, sc, id)
	if err != nil {
		return err
	}
	v.setTagList(tags)
	return t.put(tx, sc, v)
}
