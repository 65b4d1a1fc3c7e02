package ec2

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// miscActions are the calls of tags, key pairs, network interfaces and
// network ACLs.
func (s *Service) miscActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateTags":                s.createTags,
		"DeleteTags":                s.deleteTags,
		"DescribeTags":              s.describeTags,
		"ImportKeyPair":             s.importKeyPair,
		"CreateKeyPair":             s.createKeyPair,
		"DeleteKeyPair":             s.deleteKeyPair,
		"DescribeKeyPairs":          s.describeKeyPairs,
		"DescribeNetworkInterfaces": s.describeNetworkInterfaces,
		"DeleteNetworkInterface":    s.deleteNetworkInterface,
		"DescribeNetworkAcls":       s.describeNetworkAcls,
	}
}

// registerTables makes the taggable kinds reachable by ID prefix.
func (s *Service) registerTables() {
	for prefix, t := range map[string]taggable{
		"vpc": vpcs, "subnet": subnets, "dopt": dhcpOptionSets, "igw": igws, "eipalloc": addresses,
		"nat": natGateways, "rtb": routeTables, "sg": securityGroups, "sgr": sgRules, "acl": acls,
		"eni": enis, "key": keyPairs, "i": instances, "vol": volumes, "lt": launchTemplates,
	} {
		s.taggables[prefix] = t
	}
}

// taggableOf finds the table of a resource ID.
func (s *Service) taggableOf(id string) (taggable, error) {
	i := strings.LastIndexByte(id, '-')
	if i > 0 {
		if t, ok := s.taggables[id[:i]]; ok {
			return t, nil
		}
	}
	return nil, awsapi.BadRequest("InvalidID", "The ID '%s' is not valid", id)
}

func (s *Service) createTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := dedupe(p.List("ResourceId"))
	if len(ids) == 0 {
		return nil, missingParameter("ResourceId")
	}
	add, err := parseTags(p.Structs("Tag"))
	if err != nil {
		return nil, err
	}
	if len(add) == 0 {
		return nil, missingParameter("Tag")
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		for _, id := range ids {
			t, err := s.taggableOf(id)
			if err != nil {
				return err
			}
			tags, err := t.loadTags(tx, sc, id)
			if err != nil {
				return err
			}
			tags = mergeTags(tags, add)
			if len(tags) > maxTags {
				return tooManyTags()
			}
			if err := t.storeTags(tx, sc, id, tags); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

func (s *Service) deleteTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := dedupe(p.List("ResourceId"))
	if len(ids) == 0 {
		return nil, missingParameter("ResourceId")
	}
	type del struct {
		key, value string
		byValue    bool
	}
	var dels []del
	for _, tp := range p.Structs("Tag") {
		if tp.Get("Key") == "" {
			return nil, invalidParameterValue("Tag key cannot be empty")
		}
		dels = append(dels, del{tp.Get("Key"), tp.Get("Value"), tp.Has("Value")})
	}
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		for _, id := range ids {
			t, err := s.taggableOf(id)
			if err != nil {
				return err
			}
			tags, err := t.loadTags(tx, sc, id)
			if err != nil {
				return err
			}
			var kept []Tag
			if len(dels) > 0 {
			next:
				for _, tag := range tags {
					for _, d := range dels {
						if d.key == tag.Key && (!d.byValue || d.value == tag.Value) {
							continue next
						}
					}
					kept = append(kept, tag)
				}
			}
			if err := t.storeTags(tx, sc, id, kept); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

type tagDescriptionXML struct {
	ResourceID   string `xml:"resourceId"`
	ResourceType string `xml:"resourceType"`
	Key          string `xml:"key"`
	Value        string `xml:"value"`
}

var tagFilters = filterSpec[tagDescriptionXML]{
	"key":           func(t tagDescriptionXML) []string { return []string{t.Key} },
	"value":         func(t tagDescriptionXML) []string { return []string{t.Value} },
	"resource-id":   func(t tagDescriptionXML) []string { return one(t.ResourceID) },
	"resource-type": func(t tagDescriptionXML) []string { return one(t.ResourceType) },
}

func (s *Service) describeTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	pg, err := parsePage(p, limits1000, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, tagFilters, func(t tagDescriptionXML) []Tag { return []Tag{{t.Key, t.Value}} })
	if err != nil {
		return nil, err
	}
	var (
		out  []tagDescriptionXML
		last string
		more bool
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		return sc.bucket(tx, tagIndexKind).Scan("", pg.after, func(k string, raw []byte) (bool, error) {
			id, key, ok := strings.Cut(k, "\x00")
			if !ok {
				return true, nil
			}
			var it indexedTag
			if err := json.Unmarshal(raw, &it); err != nil {
				return false, fmt.Errorf("ec2: decode tag index %q: %w", k, err)
			}
			d := tagDescriptionXML{id, it.Type, key, it.Value}
			if match != nil && !match(d) {
				return true, nil
			}
			if pg.max > 0 && len(out) == pg.max {
				more = true
				return false, nil
			}
			out, last = append(out, d), k
			return true, nil
		})
	})
	if err != nil {
		return nil, err
	}
	next := ""
	if more {
		next = encodeToken(last)
	}
	return struct {
		Tags      items[tagDescriptionXML] `xml:"tagSet"`
		NextToken string                   `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
