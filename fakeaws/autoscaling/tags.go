package autoscaling

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// tagInput is one Tags.member.N.
type tagInput struct {
	resource string
	tag      tag
}

// readTagInputs reads Tags.member.N; defaultResource fills a missing
// ResourceId ("" requires one).
func readTagInputs(p awsapi.Params, defaultResource string) ([]tagInput, error) {
	var out []tagInput
	for _, t := range p.Structs("Tags.member") {
		in := tagInput{resource: t.Get("ResourceId"), tag: tag{Key: t.Get("Key"), Value: t.Get("Value")}}
		if in.resource == "" {
			if defaultResource == "" {
				return nil, awsapi.MissingParameter("ResourceId")
			}
			in.resource = defaultResource
		}
		if rt := t.Get("ResourceType"); rt != "" && rt != resourceTypeGroup {
			return nil, invalid("Invalid resource type: %s. The resource type must be %s.", rt, resourceTypeGroup)
		}
		if in.tag.Key == "" {
			return nil, invalid("1 validation error detected: Value at 'tags.%d.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1", len(out)+1)
		}
		if err := checkText("Key", in.tag.Key, 128); err != nil {
			return nil, err
		}
		if err := checkText("Value", in.tag.Value, 256); err != nil {
			return nil, err
		}
		var err error
		if in.tag.Propagate, err = t.Bool("PropagateAtLaunch", false); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// mergeTags sets tags on list, a key at a time, keeping the list sorted.
func mergeTags(list []tag, add ...tag) []tag {
	for _, t := range add {
		replaced := false
		for i := range list {
			if list[i].Key == t.Key {
				list[i], replaced = t, true
			}
		}
		if !replaced {
			list = append(list, t)
		}
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Key < list[j].Key })
	return list
}

// readTags reads CreateAutoScalingGroup's tags.
func readTags(p awsapi.Params, groupName string) ([]tag, error) {
	ins, err := readTagInputs(p, groupName)
	if err != nil {
		return nil, err
	}
	var out []tag
	for _, in := range ins {
		if in.resource != groupName {
			return nil, invalid("The tag's ResourceId %s does not match the Auto Scaling group name %s.", in.resource, groupName)
		}
		out = mergeTags(out, in.tag)
	}
	if len(out) > maxTags {
		return nil, fail(codeLimitExceeded, "The number of tags exceeds the limit of %d.", maxTags)
	}
	return out, nil
}

// byResource groups tag inputs by group name, in order of first mention.
func byResource(ins []tagInput) ([]string, map[string][]tag) {
	var names []string
	m := map[string][]tag{}
	for _, in := range ins {
		if _, ok := m[in.resource]; !ok {
			names = append(names, in.resource)
		}
		m[in.resource] = append(m[in.resource], in.tag)
	}
	return names, m
}

func (s *Service) createOrUpdateTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	ins, err := readTagInputs(p, "")
	if err != nil {
		return nil, err
	}
	if len(ins) == 0 {
		return nil, awsapi.MissingParameter("Tags")
	}
	names, tags := byResource(ins)
	err = s.update(func(tx *store.Tx) error {
		for _, n := range names {
			g, err := mustGroup(tx, sc, n)
			if err != nil {
				return err
			}
			g.Tags = mergeTags(g.Tags, tags[n]...)
			if len(g.Tags) > maxTags {
				return fail(codeLimitExceeded, "The number of tags exceeds the limit of %d.", maxTags)
			}
			if err := saveGroup(tx, sc, g); err != nil {
				return err
			}
		}
		return nil
	})
	return nil, err
}

func (s *Service) deleteTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	ins, err := readTagInputs(p, "")
	if err != nil {
		return nil, err
	}
	if len(ins) == 0 {
		return nil, awsapi.MissingParameter("Tags")
	}
	names, tags := byResource(ins)
	err = s.update(func(tx *store.Tx) error {
		for _, n := range names {
			g, err := mustGroup(tx, sc, n)
			if err != nil {
				return err
			}
			var kept []tag
			for _, t := range g.Tags {
				drop := false
				for _, d := range tags[n] {
					drop = drop || d.Key == t.Key
				}
				if !drop {
					kept = append(kept, t)
				}
			}
			g.Tags = kept
			if err := saveGroup(tx, sc, g); err != nil {
				return err
			}
		}
		return nil
	})
	return nil, err
}

type describeTagsResult struct {
	Tags      []xTag `xml:"Tags>member"`
	NextToken string `xml:"NextToken,omitempty"`
}

// tagFilters are DescribeTags' filters.
var tagFilters = []string{"auto-scaling-group", "key", "value", "propagate-at-launch"}

func matchTag(groupName string, t tag, fs []filter) bool {
	for _, f := range fs {
		var v string
		switch f.Name {
		case "auto-scaling-group":
			v = groupName
		case "key":
			v = t.Key
		case "value":
			v = t.Value
		case "propagate-at-launch":
			v = strconv.FormatBool(t.Propagate)
		}
		if !contains(f.Values, v) {
			return false
		}
	}
	return true
}

func (s *Service) describeTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	fs := filters(p)
	for _, f := range fs {
		if !contains(tagFilters, f.Name) {
			return nil, invalid("Filter type %s is not correct. Allowed Filter types are: auto-scaling-group key value propagate-at-launch", f.Name)
		}
	}
	pg, err := readPage(p, 50, 100)
	if err != nil {
		return nil, err
	}
	var items []keyed[xTag]
	err = s.view(func(tx *store.Tx) error {
		return sc.bucket(tx, kindGroups).Scan("", "", func(k string, raw []byte) (bool, error) {
			var g group
			if err := json.Unmarshal(raw, &g); err != nil {
				return false, fmt.Errorf("autoscaling: decode group %q: %w", k, err)
			}
			for _, t := range g.Tags {
				if matchTag(g.Name, t, fs) {
					items = append(items, keyed[xTag]{g.Name + "\x00" + t.Key, t.view(g.Name)})
				}
			}
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	out, next := pageOf(items, pg)
	return describeTagsResult{Tags: out, NextToken: next}, nil
}
