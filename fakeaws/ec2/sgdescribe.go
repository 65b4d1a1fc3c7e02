package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type securityGroupXML struct {
	OwnerID     string                 `xml:"ownerId"`
	GroupID     string                 `xml:"groupId"`
	GroupName   string                 `xml:"groupName"`
	Description string                 `xml:"groupDescription"`
	VpcID       string                 `xml:"vpcId"`
	ARN         string                 `xml:"securityGroupArn"`
	Ingress     items[ipPermissionXML] `xml:"ipPermissions"`
	Egress      items[ipPermissionXML] `xml:"ipPermissionsEgress"`
	Tags        tagsXML                `xml:"tagSet"`
}

type ipPermissionXML struct {
	Protocol    string               `xml:"ipProtocol"`
	From        *int                 `xml:"fromPort,omitempty"`
	To          *int                 `xml:"toPort,omitempty"`
	Groups      items[groupPairXML]  `xml:"groups"`
	IPRanges    items[ipRangeXML]    `xml:"ipRanges"`
	IPv6Ranges  items[ipv6RangeXML]  `xml:"ipv6Ranges"`
	PrefixLists items[prefixListXML] `xml:"prefixListIds"`
}

type groupPairXML struct {
	UserID      string `xml:"userId"`
	GroupID     string `xml:"groupId"`
	Description string `xml:"description,omitempty"`
}

type ipRangeXML struct {
	CidrIP      string `xml:"cidrIp"`
	Description string `xml:"description,omitempty"`
}

type ipv6RangeXML struct {
	CidrIPv6    string `xml:"cidrIpv6"`
	Description string `xml:"description,omitempty"`
}

type prefixListXML struct {
	PrefixListID string `xml:"prefixListId"`
	Description  string `xml:"description,omitempty"`
}

type sgRuleXML struct {
	ID           string              `xml:"securityGroupRuleId"`
	GroupID      string              `xml:"groupId"`
	GroupOwnerID string              `xml:"groupOwnerId"`
	IsEgress     bool                `xml:"isEgress"`
	Protocol     string              `xml:"ipProtocol"`
	From         int                 `xml:"fromPort"`
	To           int                 `xml:"toPort"`
	CidrIPv4     string              `xml:"cidrIpv4,omitempty"`
	CidrIPv6     string              `xml:"cidrIpv6,omitempty"`
	PrefixListID string              `xml:"prefixListId,omitempty"`
	Referenced   *referencedGroupXML `xml:"referencedGroupInfo,omitempty"`
	Description  string              `xml:"description,omitempty"`
	Tags         tagsXML             `xml:"tagSet"`
	ARN          string              `xml:"securityGroupRuleArn"`
}

type referencedGroupXML struct {
	GroupID string `xml:"groupId"`
	UserID  string `xml:"userId"`
}

func (s *Service) ruleXML(sc scope, g *securityGroup, r *sgRule) sgRuleXML {
	x := sgRuleXML{
		ID: r.ID, GroupID: r.GroupID, GroupOwnerID: g.OwnerID, IsEgress: r.Egress, Protocol: r.Protocol,
		From: r.From, To: r.To, CidrIPv4: r.CidrIPv4, CidrIPv6: r.CidrIPv6, PrefixListID: r.PrefixListID,
		Description: r.Description, Tags: tagSet(r.Tags), ARN: s.arn(sc, "security-group-rule", r.ID),
	}
	if r.RefGroupID != "" {
		x.Referenced = &referencedGroupXML{r.RefGroupID, r.RefUserID}
	}
	return x
}

// permissionsOf folds rules into IpPermissions: one per protocol and port
// range, in the order the ranges first appear.
func permissionsOf(rules []*sgRule, egress bool) []ipPermissionXML {
	var out []ipPermissionXML
	index := map[string]int{}
	for _, r := range rules {
		if r.Egress != egress {
			continue
		}
		key := r.Protocol + "|" + strconv.Itoa(r.From) + "|" + strconv.Itoa(r.To)
		i, ok := index[key]
		if !ok {
			perm := ipPermissionXML{Protocol: r.Protocol}
			if r.Protocol != "-1" && (r.From != -1 || r.To != -1 || r.Protocol == "icmp" || r.Protocol == "icmpv6") {
				from, to := r.From, r.To
				perm.From, perm.To = &from, &to
			}
			i = len(out)
			index[key] = i
			out = append(out, perm)
		}
		p := &out[i]
		switch {
		case r.CidrIPv4 != "":
			p.IPRanges.Item = append(p.IPRanges.Item, ipRangeXML{r.CidrIPv4, r.Description})
		case r.CidrIPv6 != "":
			p.IPv6Ranges.Item = append(p.IPv6Ranges.Item, ipv6RangeXML{r.CidrIPv6, r.Description})
		case r.PrefixListID != "":
			p.PrefixLists.Item = append(p.PrefixLists.Item, prefixListXML{r.PrefixListID, r.Description})
		default:
			p.Groups.Item = append(p.Groups.Item, groupPairXML{r.RefUserID, r.RefGroupID, r.Description})
		}
	}
	return out
}

// groupRules loads the rules of groups once per request.
type groupRules struct {
	tx    *store.Tx
	sc    scope
	cache map[string][]*sgRule
}

func (g *groupRules) of(id string) []*sgRule {
	if rs, ok := g.cache[id]; ok {
		return rs
	}
	rs, _ := rulesOf(g.tx, g.sc, id)
	g.cache[id] = rs
	return rs
}

func (g *groupRules) field(egress bool, f func(*sgRule) string) func(*securityGroup) []string {
	return func(sg *securityGroup) []string {
		var out []string
		for _, r := range g.of(sg.ID) {
			if r.Egress == egress {
				if v := f(r); v != "" {
					out = append(out, v)
				}
			}
		}
		return out
	}
}

func (s *Service) securityGroupFilters(sc scope, rules *groupRules) filterSpec[*securityGroup] {
	spec := filterSpec[*securityGroup]{
		"group-id":    func(g *securityGroup) []string { return one(g.ID) },
		"group-name":  func(g *securityGroup) []string { return one(g.Name) },
		"vpc-id":      func(g *securityGroup) []string { return one(g.VpcID) },
		"description": func(g *securityGroup) []string { return one(g.Description) },
		"owner-id":    func(g *securityGroup) []string { return one(g.OwnerID) },
	}
	port := func(n int) string {
		if n == -1 {
			return ""
		}
		return strconv.Itoa(n)
	}
	for _, dir := range []struct {
		prefix string
		egress bool
	}{{"ip-permission.", false}, {"egress.ip-permission.", true}} {
		spec[dir.prefix+"cidr"] = rules.field(dir.egress, func(r *sgRule) string { return r.CidrIPv4 })
		spec[dir.prefix+"ipv6-cidr"] = rules.field(dir.egress, func(r *sgRule) string { return r.CidrIPv6 })
		spec[dir.prefix+"prefix-list-id"] = rules.field(dir.egress, func(r *sgRule) string { return r.PrefixListID })
		spec[dir.prefix+"group-id"] = rules.field(dir.egress, func(r *sgRule) string { return r.RefGroupID })
		spec[dir.prefix+"user-id"] = rules.field(dir.egress, func(r *sgRule) string { return r.RefUserID })
		spec[dir.prefix+"protocol"] = rules.field(dir.egress, func(r *sgRule) string { return r.Protocol })
		spec[dir.prefix+"from-port"] = rules.field(dir.egress, func(r *sgRule) string { return port(r.From) })
		spec[dir.prefix+"to-port"] = rules.field(dir.egress, func(r *sgRule) string { return port(r.To) })
	}
	return spec
}

func (s *Service) describeSecurityGroups(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("GroupId")
	if names := p.List("GroupName"); len(names) > 0 {
		return nil, noDefaultVPCGroup(names[0])
	}
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var out []securityGroupXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		rules := &groupRules{tx: tx, sc: sc, cache: map[string][]*sgRule{}}
		match, err := compileFilters(fs, s.securityGroupFilters(sc, rules), recordTags[*securityGroup])
		if err != nil {
			return err
		}
		found, n, err := securityGroups.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, g := range found {
			rs := rules.of(g.ID)
			out = append(out, securityGroupXML{
				OwnerID: g.OwnerID, GroupID: g.ID, GroupName: g.Name, Description: g.Description, VpcID: g.VpcID,
				ARN: s.arn(sc, "security-group", g.ID), Ingress: itemsOf(permissionsOf(rs, false)),
				Egress: itemsOf(permissionsOf(rs, true)), Tags: tagSet(g.Tags),
			})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Groups    items[securityGroupXML] `xml:"securityGroupInfo"`
		NextToken string                  `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}

var sgRuleFilters = filterSpec[*sgRule]{
	"group-id":               func(r *sgRule) []string { return one(r.GroupID) },
	"security-group-rule-id": func(r *sgRule) []string { return one(r.ID) },
}

func (s *Service) describeSecurityGroupRules(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("SecurityGroupRuleId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, sgRuleFilters, recordTags[*sgRule])
	if err != nil {
		return nil, err
	}
	var out []sgRuleXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, n, err := sgRules.describe(tx, sc, ids, match, pg)
		if err != nil {
			return err
		}
		next = n
		for _, x := range found {
			g, ok, err := securityGroups.find(tx, sc, x.GroupID)
			if err != nil {
				return err
			}
			if !ok {
				g = &securityGroup{OwnerID: sc.account}
			}
			out = append(out, s.ruleXML(sc, g, x))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Rules     items[sgRuleXML] `xml:"securityGroupRuleSet"`
		NextToken string           `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
