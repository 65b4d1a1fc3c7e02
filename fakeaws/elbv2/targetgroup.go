package elbv2

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type tgsResult struct {
	TargetGroups members[tgXML] `xml:"TargetGroups"`
	NextMarker   string         `xml:"NextMarker,omitempty"`
}

func tgsOf(tgs ...targetGroup) tgsResult {
	out := tgsResult{TargetGroups: members[tgXML]{}}
	for i := range tgs {
		out.TargetGroups = append(out.TargetGroups, tgToXML(&tgs[i]))
	}
	return out
}

// parseNewTargetGroup reads the settings of CreateTargetGroup.
func parseNewTargetGroup(p awsapi.Params) (targetGroup, error) {
	name, err := p.Required("Name")
	if err != nil {
		return targetGroup{}, err
	}
	if err := validTGName(name); err != nil {
		return targetGroup{}, err
	}
	tg := targetGroup{Name: name}
	if tg.TargetType, err = enum(p, "TargetType", "instance", "instance", "ip", "lambda", "alb"); err != nil {
		return tg, err
	}
	if tg.Protocol, err = enum(p, "Protocol", "", protoHTTP, protoHTTPS, protoTCP, protoTLS, protoUDP, protoTCPUDP, protoGENEVE); err != nil {
		return tg, err
	}
	if tg.Port, err = intIn(p, "Port", 1, 65535, 0); err != nil {
		return tg, err
	}
	tg.VpcID = p.Get("VpcId")
	if tg.TargetType == "lambda" {
		if tg.Protocol != "" || tg.Port != 0 || tg.VpcID != "" {
			return tg, awsapi.ValidationError("A protocol, port and VPC ID cannot be specified for target groups with target type 'lambda'")
		}
	} else {
		switch {
		case tg.Protocol == "":
			return tg, awsapi.ValidationError("A protocol must be specified")
		case tg.Port == 0:
			return tg, awsapi.ValidationError("A port must be specified")
		case tg.VpcID == "":
			return tg, awsapi.ValidationError("A VPC ID must be specified")
		}
	}
	if tg.TargetType == "alb" && tg.Protocol != protoTCP {
		return tg, awsapi.ValidationError("Target groups with target type 'alb' support only the TCP protocol")
	}
	if isHTTP(tg.Protocol) {
		if tg.ProtocolVersion, err = enum(p, "ProtocolVersion", "HTTP1", "HTTP1", "HTTP2", "GRPC"); err != nil {
			return tg, err
		}
	}
	if tg.IPAddressType, err = enum(p, "IpAddressType", "ipv4", "ipv4", "ipv6"); err != nil {
		return tg, err
	}
	if tg.TargetType == "lambda" {
		tg.IPAddressType = ""
	}
	tg.HealthCheck, err = parseHealthCheck(p, defaultHealthCheck(tg.Protocol, tg.TargetType), tg.Protocol, tg.TargetType)
	if err != nil {
		return tg, err
	}
	if tg.Tags, err = parseTags(p, "Tags"); err != nil {
		return tg, err
	}
	if len(tg.Tags) > maxTags {
		return tg, fail(codeTooManyTags, "The quota for the number of tags that can be assigned to a target group has been reached")
	}
	tg.Attributes = defaultTGAttributes(tg.Protocol, tg.TargetType)
	return tg, nil
}

// sameSettings reports whether CreateTargetGroup may answer with old for
// the settings of tg.
func (tg *targetGroup) sameSettings(old *targetGroup) bool {
	return old.Protocol == tg.Protocol && old.Port == tg.Port && old.VpcID == tg.VpcID &&
		old.TargetType == tg.TargetType && old.HealthCheck == tg.HealthCheck
}

func (s *Service) createTargetGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	tg, err := parseNewTargetGroup(p)
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		b := sc.bucket(tx, kindTGs)
		old, ok, err := store.Get[targetGroup](b, tg.Name)
		if err != nil {
			return err
		}
		if ok {
			if !tg.sameSettings(&old) {
				return fail(codeDuplicateTGName, "A target group with the same name '%s' exists, but with different settings", tg.Name)
			}
			tg = old
			return nil
		}
		if n, err := b.Count(""); err != nil {
			return err
		} else if n >= maxTargetGroups {
			return fail(codeTooManyTGs, "The quota for the number of target groups has been reached")
		}
		tg.ID = s.env.IDs.Hex(16)
		tg.ARN = s.tgARN(sc, tg.Name, tg.ID)
		if err := b.Put(tg.Name, tg); err != nil {
			return err
		}
		return markScope(tx, sc)
	})
	if err != nil {
		return nil, err
	}
	return tgsOf(tg), nil
}

// getTG reads the target group arn names; TargetGroupNotFound when it
// does not exist.
func (s *Service) getTG(tx *store.Tx, sc scope, arn string) (targetGroup, error) {
	key, mine, err := s.tgKey(sc, arn)
	if err != nil {
		return targetGroup{}, err
	}
	tg, ok, err := store.Get[targetGroup](sc.bucket(tx, kindTGs), key)
	if err != nil {
		return targetGroup{}, err
	}
	if !mine || !ok || tg.ARN != arn {
		return targetGroup{}, errTGNotFound()
	}
	return tg, nil
}

func (s *Service) deleteTargetGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	err = s.update(func(tx *store.Tx) error {
		tg, err := s.getTG(tx, sc, arn)
		if codeOf(err) == codeTGNotFound {
			return nil // deleting a missing target group succeeds
		}
		if err != nil {
			return err
		}
		if tg.inUse() {
			return fail(codeResourceInUse, "Target group '%s' is currently in use by a listener or a rule", arn)
		}
		targets := sc.bucket(tx, kindTargets)
		var keys []string
		if err := targets.Scan(tg.Name+"/", "", func(k string, _ []byte) (bool, error) {
			keys = append(keys, k)
			return true, nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if err := targets.Delete(k); err != nil {
				return err
			}
		}
		return sc.bucket(tx, kindTGs).Delete(tg.Name)
	})
	if err != nil {
		return nil, err
	}
	return struct{}{}, nil
}

func (s *Service) describeTargetGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	lbARN, arns, names := p.Get("LoadBalancerArn"), p.List("TargetGroupArns.member"), p.List("Names.member")
	given := 0
	for _, g := range []bool{lbARN != "", len(arns) > 0, len(names) > 0} {
		if g {
			given++
		}
	}
	if given > 1 {
		return nil, awsapi.ValidationError("Only one of load balancer ARN, target group ARNs or target group names can be specified")
	}
	pg, err := readPage(p)
	if err != nil {
		return nil, err
	}
	var items []keyed[targetGroup]
	err = s.view(func(tx *store.Tx) error {
		b := sc.bucket(tx, kindTGs)
		switch {
		case len(arns) > 0:
			for _, arn := range arns {
				tg, err := s.getTG(tx, sc, arn)
				if err != nil {
					return err
				}
				items = appendUnique(items, tg.Name, tg)
			}
			return nil
		case len(names) > 0:
			var missing []string
			for _, n := range names {
				tg, ok, err := store.Get[targetGroup](b, n)
				if err != nil {
					return err
				}
				if !ok {
					missing = append(missing, n)
					continue
				}
				items = appendUnique(items, tg.Name, tg)
			}
			if len(missing) > 0 {
				return fail(codeTGNotFound, "Target groups '[%s]' not found", strings.Join(missing, ", "))
			}
			return nil
		case lbARN != "":
			if _, err := s.getLB(tx, sc, lbARN); err != nil {
				return err
			}
		}
		all, err := store.List[targetGroup](b, "")
		if err != nil {
			return err
		}
		for _, tg := range all {
			if lbARN == "" || contains(tg.LoadBalancerARNs, lbARN) {
				items = append(items, keyed[targetGroup]{tg.Name, tg})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tgs, next := pageOf(items, pg)
	out := tgsOf(tgs...)
	out.NextMarker = next
	return out, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (s *Service) modifyTargetGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	sc := scopeOf(r)
	arn, err := p.Required("TargetGroupArn")
	if err != nil {
		return nil, err
	}
	var tg targetGroup
	err = s.update(func(tx *store.Tx) error {
		if tg, err = s.getTG(tx, sc, arn); err != nil {
			return err
		}
		if tg.HealthCheck, err = parseHealthCheck(p, tg.HealthCheck, tg.Protocol, tg.TargetType); err != nil {
			return err
		}
		return sc.bucket(tx, kindTGs).Put(tg.Name, tg)
	})
	if err != nil {
		return nil, err
	}
	return tgsOf(tg), nil
}
