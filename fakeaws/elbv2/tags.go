package elbv2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// getTags reads the tags of a load balancer, target group or listener.
func (s *Service) getTags(tx *store.Tx, sc scope, arn string) ([]tag, error) {
	ref, ok := s.parseARN(arn)
	if !ok {
		return nil, awsapi.ValidationError("'%s' is not a valid resource ARN", arn)
	}
	switch ref.kind {
	case "loadbalancer":
		lb, err := s.getLB(tx, sc, arn)
		return lb.Tags, err
	case "targetgroup":
		tg, err := s.getTG(tx, sc, arn)
		return tg.Tags, err
	default:
		l, err := s.getListener(tx, sc, arn)
		return l.Tags, err
	}
}

// setTags replaces the tags of a resource getTags found.
func (s *Service) setTags(tx *store.Tx, sc scope, arn string, tags []tag) error {
	ref, _ := s.parseARN(arn)
	switch ref.kind {
	case "loadbalancer":
		lb, err := s.getLB(tx, sc, arn)
		if err != nil {
			return err
		}
		lb.Tags = tags
		return sc.bucket(tx, kindLBs).Put(lb.Name, lb)
	case "targetgroup":
		tg, err := s.getTG(tx, sc, arn)
		if err != nil {
			return err
		}
		tg.Tags = tags
		return sc.bucket(tx, kindTGs).Put(tg.Name, tg)
	default:
		l, err := s.getListener(tx, sc, arn)
		if err != nil {
			return err
		}
		l.Tags = tags
		return sc.bucket(tx, kindListeners).Put(l.LBName+"/"+l.ID, l)
	}
}

func resourceARNs(p awsapi.Params) ([]string, error) {
	arns := p.List("ResourceArns.member")
	if len(arns) == 0 {
		return nil, awsapi.MissingParameter("ResourceArns")
	}
	return arns, nil
}

func (s *Service) addTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arns, err := resourceARNs(p)
	if err != nil {
		return nil, err
	}
	add, err := parseTags(p, "Tags")
	if err != nil {
		return nil, err
	}
	if len(add) == 0 {
		return nil, awsapi.MissingParameter("Tags")
	}
	err = s.update(func(tx *store.Tx) error {
		for _, arn := range arns {
			have, err := s.getTags(tx, sc, arn)
			if err != nil {
				return err
			}
			tags, err := mergeTags(have, add)
			if err != nil {
				return err
			}
			if err := s.setTags(tx, sc, arn, tags); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Service) removeTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arns, err := resourceARNs(p)
	if err != nil {
		return nil, err
	}
	keys := p.List("TagKeys.member")
	if len(keys) == 0 {
		return nil, awsapi.MissingParameter("TagKeys")
	}
	err = s.update(func(tx *store.Tx) error {
		for _, arn := range arns {
			have, err := s.getTags(tx, sc, arn)
			if err != nil {
				return err
			}
			var keep []tag
			for _, t := range have {
				if !contains(keys, t.Key) {
					keep = append(keep, t)
				}
			}
			if err := s.setTags(tx, sc, arn, keep); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

type tagDescriptionXML struct {
	ResourceArn string          `xml:"ResourceArn"`
	Tags        members[tagXML] `xml:"Tags"`
}

type describeTagsResult struct {
	TagDescriptions members[tagDescriptionXML] `xml:"TagDescriptions"`
}

func (s *Service) describeTags(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arns, err := resourceARNs(p)
	if err != nil {
		return nil, err
	}
	if len(arns) > maxDescribeTagsARNs {
		return nil, errConstraint(len(arns), "resourceArns", "Member must have length less than or equal to 20")
	}
	out := describeTagsResult{TagDescriptions: members[tagDescriptionXML]{}}
	err = s.view(func(tx *store.Tx) error {
		for _, arn := range arns {
			tags, err := s.getTags(tx, sc, arn)
			if err != nil {
				return err
			}
			out.TagDescriptions = append(out.TagDescriptions, tagDescriptionXML{arn, tagsXML(tags)})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
