package iam

import (
	"fmt"
	"sort"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// tags reads a list of tags (Tags.member.N.Key/Value).
func (v *validator) tags(param string, required bool) []tag {
	at := field(param)
	if !hasList(v.p, param) {
		if required {
			v.fail("Value null at '%s' failed to satisfy constraint: Member must not be null", at)
		}
		return nil
	}
	// Count before splitting the list: Structs is quadratic in the number
	// of elements, and a request may send thousands.
	if listLen(v.p, param+".member") > maxTags {
		v.fail("Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", at, maxTags)
		return nil
	}
	items := v.p.Structs(param + ".member")
	out := make([]tag, 0, len(items))
	for i, it := range items {
		m := fmt.Sprintf("%s.%d.member", at, i+1)
		t := tag{Key: it.Get("Key"), Value: it.Get("Value")}
		if !it.Has("Key") {
			v.fail("Value null at '%s.key' failed to satisfy constraint: Member must not be null", m)
		} else {
			v.check(m+".key", t.Key, 1, 128, reTag, patTag)
		}
		if !it.Has("Value") {
			v.fail("Value null at '%s.value' failed to satisfy constraint: Member must not be null", m)
		} else {
			v.check(m+".value", t.Value, 0, 256, reTag, patTag)
		}
		out = append(out, t)
	}
	return out
}

// tagKeys reads the required TagKeys list of an Untag action.
func (v *validator) tagKeys() []string {
	if !hasList(v.p, "TagKeys") {
		v.fail("Value null at 'tagKeys' failed to satisfy constraint: Member must not be null")
		return nil
	}
	keys := v.p.List("TagKeys.member")
	if len(keys) > maxTags {
		v.fail("Value at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to %d", maxTags)
	}
	for i, k := range keys {
		v.check(fmt.Sprintf("tagKeys.%d.member", i+1), k, 1, 128, reTag, patTag)
	}
	return keys
}

// checkTagKeys refuses a request that names a key twice; IAM tag keys are
// case-insensitive.
func checkTagKeys(tags []tag) error {
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		k := strings.ToLower(t.Key)
		if seen[k] {
			return invalidInput("%s", msgDuplicateTagKeys)
		}
		seen[k] = true
	}
	return nil
}

func sortTags(tags []tag) []tag {
	sort.Slice(tags, func(i, j int) bool { return tags[i].Key < tags[j].Key })
	return tags
}

// mergeTags adds tags to existing ones, a new value replacing the old
// value of the same key, within the quota named entity.
func mergeTags(existing, add []tag, entity string) ([]tag, error) {
	out := append([]tag(nil), existing...)
	for _, t := range add {
		i := indexTag(out, t.Key)
		if i < 0 {
			out = append(out, t)
			continue
		}
		out[i] = t
	}
	if len(out) > maxTags {
		return nil, limitExceeded("Cannot exceed quota for TagsPer%s: %d", entity, maxTags)
	}
	return sortTags(out), nil
}

// removeTags removes the given keys; keys without a tag are ignored.
func removeTags(existing []tag, keys []string) []tag {
	out := existing[:0:0]
	for _, t := range existing {
		drop := false
		for _, k := range keys {
			if strings.EqualFold(t.Key, k) {
				drop = true
				break
			}
		}
		if !drop {
			out = append(out, t)
		}
	}
	return out
}

func indexTag(tags []tag, key string) int {
	for i, t := range tags {
		if strings.EqualFold(t.Key, key) {
			return i
		}
	}
	return -1
}

type listTagsResult struct {
	Tags members[tagXML] `xml:"Tags"`
	pageResult
}

func (s *service) tagRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	tags := v.tags("Tags", true)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkTagKeys(tags); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		var err error
		ro.Tags, err = mergeTags(ro.Tags, tags, "Role")
		return err
	})
	return nil, err
}

func (s *service) untagRole(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	keys := v.tagKeys()
	if err := v.err(); err != nil {
		return nil, err
	}
	_, err := s.modifyRole(r, name, func(_ *store.Tx, ro *role) error {
		ro.Tags = removeTags(ro.Tags, keys)
		return nil
	})
	return nil, err
}

func (s *service) listRoleTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("RoleName", maxRoleName)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	var ro role
	err := s.view(func(tx *store.Tx) error {
		var err error
		ro, err = getRole(tx, r.Account(), name)
		return err
	})
	if err != nil {
		return nil, err
	}
	tags, res := tagPage(ro.Tags, pg)
	return listTagsResult{Tags: tagsXML(tags), pageResult: res}, nil
}

func (s *service) tagInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	tags := v.tags("Tags", true)
	if err := v.err(); err != nil {
		return nil, err
	}
	if err := checkTagKeys(tags); err != nil {
		return nil, err
	}
	return nil, s.modifyProfile(r, name, func(_ *store.Tx, ip *instanceProfile) error {
		var err error
		ip.Tags, err = mergeTags(ip.Tags, tags, "InstanceProfile")
		return err
	})
}

func (s *service) untagInstanceProfile(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	keys := v.tagKeys()
	if err := v.err(); err != nil {
		return nil, err
	}
	return nil, s.modifyProfile(r, name, func(_ *store.Tx, ip *instanceProfile) error {
		ip.Tags = removeTags(ip.Tags, keys)
		return nil
	})
}

func (s *service) listInstanceProfileTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	v := newValidator(p)
	name := v.name("InstanceProfileName", maxProfileName)
	pg := v.page()
	if err := v.err(); err != nil {
		return nil, err
	}
	var ip instanceProfile
	err := s.view(func(tx *store.Tx) error {
		var err error
		ip, err = getProfile(tx, r.Account(), name)
		return err
	})
	if err != nil {
		return nil, err
	}
	tags, res := tagPage(ip.Tags, pg)
	return listTagsResult{Tags: tagsXML(tags), pageResult: res}, nil
}
