package ec2

import (
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// sgRule is one security group rule: one protocol and port range, one
// peer (an IPv4 or IPv6 CIDR, a prefix list or a group).
type sgRule struct {
	base
	GroupID      string `json:"group"`
	Egress       bool   `json:"egress,omitempty"`
	Protocol     string `json:"proto"` // tcp, udp, icmp, icmpv6, -1 or a number
	From         int    `json:"from"`  // -1 where ports do not apply
	To           int    `json:"to"`
	CidrIPv4     string `json:"cidr4,omitempty"`
	CidrIPv6     string `json:"cidr6,omitempty"`
	PrefixListID string `json:"pl,omitempty"`
	RefGroupID   string `json:"refGroup,omitempty"`
	RefUserID    string `json:"refUser,omitempty"`
	Description  string `json:"description,omitempty"`
}

var sgRules = &table[sgRule, *sgRule]{
	kind: "sgrules", prefix: "sgr", resourceType: "security-group-rule", noun: "security group rule",
	notFoundCode: "InvalidSecurityGroupRuleId.NotFound", malformedCode: "InvalidSecurityGroupRuleId.Malformed",
}

// The rules of a group are indexed as GROUP/RULE.
const ruleIndexKind = "sgrules-by-group"

// maxRules is EC2's default quota of rules per group and direction.
const maxRules = 60

func (s *Service) addRule(tx *store.Tx, sc scope, r *sgRule) error {
	if r.ID == "" {
		r.ID = s.newID("sgr")
	}
	if err := sgRules.put(tx, sc, r); err != nil {
		return err
	}
	return sc.bucket(tx, ruleIndexKind).Put(r.GroupID+"/"+r.ID, 1)
}

func dropRule(tx *store.Tx, sc scope, r *sgRule) error {
	if err := sgRules.remove(tx, sc, r.ID); err != nil {
		return err
	}
	return sc.bucket(tx, ruleIndexKind).Delete(r.GroupID + "/" + r.ID)
}

// rulesOf returns a group's rules in rule ID order.
func rulesOf(tx *store.Tx, sc scope, groupID string) ([]*sgRule, error) {
	var ids []string
	err := sc.bucket(tx, ruleIndexKind).Scan(groupID+"/", "", func(k string, _ []byte) (bool, error) {
		ids = append(ids, k[len(groupID)+1:])
		return true, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*sgRule, 0, len(ids))
	for _, id := range ids {
		r, ok, err := sgRules.find(tx, sc, id)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// identity is what makes two rules the same rule (the description does not).
func (r *sgRule) identity() string {
	return fmt.Sprintf("%t|%s|%d|%d|%s|%s|%s|%s", r.Egress, r.Protocol, r.From, r.To, r.CidrIPv4, r.CidrIPv6, r.PrefixListID, r.RefGroupID)
}

// peer describes a rule as EC2's duplicate message does.
func (r *sgRule) peer() string {
	peer := r.CidrIPv4 + r.CidrIPv6 + r.PrefixListID + r.RefGroupID
	proto := strings.ToUpper(r.Protocol)
	if r.Protocol == "-1" {
		return fmt.Sprintf("peer: %s, ALL, ALLOW", peer)
	}
	return fmt.Sprintf("peer: %s, %s, from port: %d, to port: %d, ALLOW", peer, proto, r.From, r.To)
}

type authorizeResult struct {
	Return bool             `xml:"return"`
	Rules  items[sgRuleXML] `xml:"securityGroupRuleSet"`
}

func (s *Service) authorize(egress bool) awsapi.ActionFunc {
	return func(r *awsapi.Request, p awsapi.Params) (any, error) {
		perms, err := parsePermissions(p)
		if err != nil {
			return nil, err
		}
		tags, err := tagSpecs(p, "security-group-rule")
		if err != nil {
			return nil, err
		}
		var out []sgRuleXML
		err = s.update(r, func(tx *store.Tx, sc scope) error {
			g, err := s.targetGroup(tx, sc, p, !egress)
			if err != nil {
				return err
			}
			rules, err := s.rulesFor(tx, sc, g, egress, perms)
			if err != nil {
				return err
			}
			existing, err := rulesOf(tx, sc, g.ID)
			if err != nil {
				return err
			}
			seen, count := map[string]bool{}, 0
			for _, x := range existing {
				seen[x.identity()] = true
				if x.Egress == egress {
					count++
				}
			}
			for _, x := range rules {
				if seen[x.identity()] {
					return awsapi.BadRequest("InvalidPermission.Duplicate", "the specified rule \"%s\" already exists", x.peer())
				}
				seen[x.identity()] = true
			}
			if count+len(rules) > maxRules {
				return awsapi.BadRequest("RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.")
			}
			for _, x := range rules {
				x.Tags = tags
				if err := s.addRule(tx, sc, x); err != nil {
					return err
				}
				out = append(out, s.ruleXML(sc, g, x))
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return authorizeResult{true, itemsOf(out)}, nil
	}
}

type revokeResult struct {
	Return  bool                  `xml:"return"`
	Revoked items[revokedRuleXML] `xml:"revokedSecurityGroupRuleSet"`
}

type revokedRuleXML struct {
	ID           string `xml:"securityGroupRuleId"`
	GroupID      string `xml:"groupId"`
	IsEgress     bool   `xml:"isEgress"`
	Protocol     string `xml:"ipProtocol"`
	From         int    `xml:"fromPort"`
	To           int    `xml:"toPort"`
	CidrIPv4     string `xml:"cidrIpv4,omitempty"`
	CidrIPv6     string `xml:"cidrIpv6,omitempty"`
	PrefixListID string `xml:"prefixListId,omitempty"`
	RefGroupID   string `xml:"referencedGroupId,omitempty"`
	Description  string `xml:"description,omitempty"`
}

func (s *Service) revoke(egress bool) awsapi.ActionFunc {
	return func(r *awsapi.Request, p awsapi.Params) (any, error) {
		ruleIDs := p.List("SecurityGroupRuleId")
		var perms []permission
		if len(ruleIDs) == 0 {
			var err error
			if perms, err = parsePermissions(p); err != nil {
				return nil, err
			}
		}
		var out []revokedRuleXML
		err := s.update(r, func(tx *store.Tx, sc scope) error {
			g, err := s.targetGroup(tx, sc, p, !egress)
			if err != nil {
				return err
			}
			existing, err := rulesOf(tx, sc, g.ID)
			if err != nil {
				return err
			}
			doomed, err := s.matchRevoke(tx, sc, g, egress, existing, ruleIDs, perms)
			if err != nil {
				return err
			}
			for _, x := range doomed {
				if err := dropRule(tx, sc, x); err != nil {
					return err
				}
				out = append(out, revokedRuleXML{x.ID, x.GroupID, x.Egress, x.Protocol, x.From, x.To,
					x.CidrIPv4, x.CidrIPv6, x.PrefixListID, x.RefGroupID, x.Description})
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		return revokeResult{true, itemsOf(out)}, nil
	}
}

// matchRevoke finds the rules a revoke names, by ID or by permission.
func (s *Service) matchRevoke(tx *store.Tx, sc scope, g *securityGroup, egress bool, existing []*sgRule, ruleIDs []string, perms []permission) ([]*sgRule, error) {
	var out []*sgRule
	if len(ruleIDs) > 0 {
		byID := map[string]*sgRule{}
		for _, x := range existing {
			if x.Egress == egress {
				byID[x.ID] = x
			}
		}
		for _, id := range dedupe(ruleIDs) {
			x, ok := byID[id]
			if !ok {
				return nil, sgRules.notFound(id)
			}
			out = append(out, x)
		}
		return out, nil
	}
	wanted, err := s.rulesFor(tx, sc, g, egress, perms)
	if err != nil {
		return nil, err
	}
	byIdentity := map[string]*sgRule{}
	for _, x := range existing {
		byIdentity[x.identity()] = x
	}
	for _, w := range wanted {
		x, ok := byIdentity[w.identity()]
		if !ok {
			return nil, awsapi.BadRequest("InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
		}
		delete(byIdentity, w.identity())
		out = append(out, x)
	}
	return out, nil
}
