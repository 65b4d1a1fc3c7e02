package ec2

import (
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Network ACLs: every VPC has a default one, which allows all traffic and
// which every new subnet is associated with. (Custom ACLs are not served.)

type networkACL struct {
	base
	OwnerID string     `json:"owner"`
	VpcID   string     `json:"vpc"`
	Default bool       `json:"default"`
	Entries []aclEntry `json:"entries"`
	Assocs  []aclAssoc `json:"assocs,omitempty"`
}

type aclEntry struct {
	RuleNumber int    `json:"n"`
	Protocol   string `json:"proto"`
	Action     string `json:"action"`
	Egress     bool   `json:"egress"`
	Cidr       string `json:"cidr"`
}

type aclAssoc struct {
	ID       string `json:"id"`
	SubnetID string `json:"subnet"`
}

var acls = &table[networkACL, *networkACL]{
	kind: "networkacls", prefix: "acl", resourceType: "network-acl", noun: "networkAcl",
	notFoundCode: "InvalidNetworkAclID.NotFound", malformedCode: "InvalidNetworkAclId.Malformed",
}

func (s *Service) createDefaultNetworkACL(tx *store.Tx, sc scope, v *vpc) (string, error) {
	var entries []aclEntry
	for _, egress := range []bool{false, true} {
		entries = append(entries,
			aclEntry{RuleNumber: 100, Protocol: "-1", Action: "allow", Egress: egress, Cidr: "0.0.0.0/0"},
			aclEntry{RuleNumber: 32767, Protocol: "-1", Action: "deny", Egress: egress, Cidr: "0.0.0.0/0"})
	}
	a := &networkACL{base: base{ID: s.newID("acl")}, OwnerID: sc.account, VpcID: v.ID, Default: true, Entries: entries}
	return a.ID, acls.put(tx, sc, a)
}

func (s *Service) associateDefaultACL(tx *store.Tx, sc scope, v *vpc, subnetID string) error {
	a, err := acls.get(tx, sc, v.DefaultACL)
	if err != nil {
		return err
	}
	a.Assocs = append(a.Assocs, aclAssoc{ID: s.newID("aclassoc"), SubnetID: subnetID})
	return acls.put(tx, sc, a)
}

// dropSubnetAssociations removes a deleted subnet from the ACLs and route
// tables of its VPC.
func (s *Service) dropSubnetAssociations(tx *store.Tx, sc scope, sub *subnet) error {
	inVPC, err := acls.all(tx, sc, func(a *networkACL) bool { return a.VpcID == sub.VpcID })
	if err != nil {
		return err
	}
	for _, a := range inVPC {
		kept := a.Assocs[:0]
		for _, as := range a.Assocs {
			if as.SubnetID != sub.ID {
				kept = append(kept, as)
			}
		}
		if len(kept) != len(a.Assocs) {
			a.Assocs = kept
			if err := acls.put(tx, sc, a); err != nil {
				return err
			}
		}
	}
	tables, err := routeTables.all(tx, sc, func(t *routeTable) bool { return t.VpcID == sub.VpcID })
	if err != nil {
		return err
	}
	for _, t := range tables {
		if t.dropSubnet(sub.ID) {
			if err := routeTables.put(tx, sc, t); err != nil {
				return err
			}
		}
	}
	return nil
}

type networkACLXML struct {
	ID      string             `xml:"networkAclId"`
	VpcID   string             `xml:"vpcId"`
	OwnerID string             `xml:"ownerId"`
	Default bool               `xml:"default"`
	Entries items[aclEntryXML] `xml:"entrySet"`
	Assocs  items[aclAssocXML] `xml:"associationSet"`
	Tags    tagsXML            `xml:"tagSet"`
}

type aclEntryXML struct {
	RuleNumber int    `xml:"ruleNumber"`
	Protocol   string `xml:"protocol"`
	RuleAction string `xml:"ruleAction"`
	Egress     bool   `xml:"egress"`
	CidrBlock  string `xml:"cidrBlock"`
}

type aclAssocXML struct {
	ID       string `xml:"networkAclAssociationId"`
	ACLID    string `xml:"networkAclId"`
	SubnetID string `xml:"subnetId"`
}

func (a *networkACL) xml() networkACLXML {
	es := make([]aclEntryXML, len(a.Entries))
	for i, e := range a.Entries {
		es[i] = aclEntryXML{e.RuleNumber, e.Protocol, e.Action, e.Egress, e.Cidr}
	}
	as := make([]aclAssocXML, len(a.Assocs))
	for i, x := range a.Assocs {
		as[i] = aclAssocXML{x.ID, a.ID, x.SubnetID}
	}
	return networkACLXML{a.ID, a.VpcID, a.OwnerID, a.Default, itemsOf(es), itemsOf(as), tagSet(a.Tags)}
}

func aclEntryField(f func(aclEntry) string) func(*networkACL) []string {
	return func(a *networkACL) []string {
		var out []string
		for _, e := range a.Entries {
			out = append(out, f(e))
		}
		return out
	}
}

func aclAssocField(f func(aclAssoc) string) func(*networkACL) []string {
	return func(a *networkACL) []string {
		var out []string
		for _, x := range a.Assocs {
			out = append(out, f(x))
		}
		return out
	}
}

var aclFilters = filterSpec[*networkACL]{
	"network-acl-id":             func(a *networkACL) []string { return one(a.ID) },
	"vpc-id":                     func(a *networkACL) []string { return one(a.VpcID) },
	"default":                    func(a *networkACL) []string { return boolStr(a.Default) },
	"owner-id":                   func(a *networkACL) []string { return one(a.OwnerID) },
	"association.association-id": aclAssocField(func(x aclAssoc) string { return x.ID }),
	"association.subnet-id":      aclAssocField(func(x aclAssoc) string { return x.SubnetID }),
	"association.network-acl-id": func(a *networkACL) []string {
		if len(a.Assocs) == 0 {
			return nil
		}
		return one(a.ID)
	},
	"entry.cidr":        aclEntryField(func(e aclEntry) string { return e.Cidr }),
	"entry.egress":      aclEntryField(func(e aclEntry) string { return strconv.FormatBool(e.Egress) }),
	"entry.protocol":    aclEntryField(func(e aclEntry) string { return e.Protocol }),
	"entry.rule-action": aclEntryField(func(e aclEntry) string { return e.Action }),
	"entry.rule-number": aclEntryField(func(e aclEntry) string { return strconv.Itoa(e.RuleNumber) }),
}

func (s *Service) describeNetworkAcls(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("NetworkAclId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, aclFilters, recordTags[*networkACL])
	if err != nil {
		return nil, err
	}
	var (
		found []*networkACL
		next  string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, next, err = acls.describe(tx, sc, ids, match, pg)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]networkACLXML, len(found))
	for i, a := range found {
		out[i] = a.xml()
	}
	return struct {
		ACLs      items[networkACLXML] `xml:"networkAclSet"`
		NextToken string               `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
