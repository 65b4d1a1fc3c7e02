package ec2

import (
	"strings"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type securityGroup struct {
	base
	OwnerID     string `json:"owner"`
	Name        string `json:"name"`
	Description string `json:"description"`
	VpcID       string `json:"vpc"`
	Default     bool   `json:"default,omitempty"`
}

var securityGroups = &table[securityGroup, *securityGroup]{
	kind: "securitygroups", prefix: "sg", resourceType: "security-group",
	notFoundCode: "InvalidGroup.NotFound", malformedCode: "InvalidGroupId.Malformed", expecting: true,
	missing: func(ids []string) string {
		if len(ids) == 1 {
			return "The security group '" + ids[0] + "' does not exist"
		}
		return "The security groups '" + strings.Join(ids, ", ") + "' do not exist"
	},
}

// securityGroupActions are the calls of security groups and their rules.
func (s *Service) securityGroupActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateSecurityGroup":           s.createSecurityGroup,
		"DeleteSecurityGroup":           s.deleteSecurityGroup,
		"DescribeSecurityGroups":        s.describeSecurityGroups,
		"AuthorizeSecurityGroupIngress": s.authorize(false),
		"AuthorizeSecurityGroupEgress":  s.authorize(true),
		"RevokeSecurityGroupIngress":    s.revoke(false),
		"RevokeSecurityGroupEgress":     s.revoke(true),
		"DescribeSecurityGroupRules":    s.describeSecurityGroupRules,
	}
}

func (s *Service) createDefaultSecurityGroup(tx *store.Tx, sc scope, v *vpc) (string, error) {
	g := &securityGroup{
		base: base{ID: s.newID("sg")}, OwnerID: sc.account, Name: "default",
		Description: "default VPC security group", VpcID: v.ID, Default: true,
	}
	if err := securityGroups.put(tx, sc, g); err != nil {
		return "", err
	}
	rules := []*sgRule{
		{GroupID: g.ID, Protocol: "-1", From: -1, To: -1, RefGroupID: g.ID, RefUserID: sc.account},
		{GroupID: g.ID, Egress: true, Protocol: "-1", From: -1, To: -1, CidrIPv4: "0.0.0.0/0"},
	}
	for _, r := range rules {
		if err := s.addRule(tx, sc, r); err != nil {
			return "", err
		}
	}
	return g.ID, nil
}

func validGroupText(param, v string) error {
	if utf8.RuneCountInString(v) > 255 {
		return invalidParameterValue("Value (%s) for parameter %s is invalid. Length exceeds maximum of 255.", v, param)
	}
	for _, c := range v {
		if c < 0x20 || c > 0x7e {
			return invalidParameterValue("Value (%s) for parameter %s is invalid. Character sets beyond ASCII are not supported.", v, param)
		}
	}
	return nil
}

func (s *Service) createSecurityGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	name, err := required(p, "GroupName")
	if err != nil {
		return nil, err
	}
	desc, err := required(p, "GroupDescription")
	if err != nil {
		return nil, err
	}
	for _, c := range []struct{ param, v string }{{"groupName", name}, {"groupDescription", desc}} {
		if err := validGroupText(c.param, c.v); err != nil {
			return nil, err
		}
	}
	if strings.HasPrefix(name, "sg-") {
		return nil, invalidParameterValue("Group names may not be in the format sg-*")
	}
	if name == "default" {
		return nil, awsapi.BadRequest("InvalidGroup.Reserved", "The security group 'default' is reserved")
	}
	vpcID := p.Get("VpcId")
	if vpcID == "" {
		return nil, awsapi.BadRequest("VPCIdNotSpecified", "No default VPC for this user")
	}
	tags, err := tagSpecs(p, "security-group")
	if err != nil {
		return nil, err
	}
	var (
		g  *securityGroup
		sc scope
	)
	err = s.update(r, func(tx *store.Tx, tsc scope) error {
		sc = tsc
		if _, err := vpcs.get(tx, sc, vpcID); err != nil {
			return err
		}
		dup, err := securityGroups.any(tx, sc, func(o *securityGroup) bool { return o.VpcID == vpcID && o.Name == name })
		if err != nil {
			return err
		}
		if dup {
			return awsapi.BadRequest("InvalidGroup.Duplicate", "The security group '%s' already exists for VPC '%s'", name, vpcID)
		}
		g = &securityGroup{base: base{ID: s.newID("sg"), Tags: tags}, OwnerID: sc.account, Name: name, Description: desc, VpcID: vpcID}
		if err := securityGroups.put(tx, sc, g); err != nil {
			return err
		}
		return s.addRule(tx, sc, &sgRule{GroupID: g.ID, Egress: true, Protocol: "-1", From: -1, To: -1, CidrIPv4: "0.0.0.0/0"})
	})
	if err != nil {
		return nil, err
	}
	return struct {
		GroupID string  `xml:"groupId"`
		Tags    tagsXML `xml:"tagSet"`
		ARN     string  `xml:"securityGroupArn"`
	}{g.ID, tagSet(g.Tags), s.arn(sc, "security-group", g.ID)}, nil
}

// noDefaultVPCGroup answers a group named without a VPC: such names are
// looked up in the default VPC, which accounts here do not have.
func noDefaultVPCGroup(name string) error {
	return awsapi.BadRequest("InvalidGroup.NotFound", "The security group '%s' does not exist in default VPC 'none'", name)
}

// targetGroup reads GroupId (or GroupName) of a security group call.
func (s *Service) targetGroup(tx *store.Tx, sc scope, p awsapi.Params, nameAllowed bool) (*securityGroup, error) {
	if id := p.Get("GroupId"); id != "" {
		return securityGroups.get(tx, sc, id)
	}
	if name := p.Get("GroupName"); name != "" && nameAllowed {
		return nil, noDefaultVPCGroup(name)
	}
	return nil, missingParameter("GroupId")
}

func (s *Service) deleteSecurityGroup(r *awsapi.Request, p awsapi.Params) (any, error) {
	var id string
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		g, err := s.targetGroup(tx, sc, p, true)
		if err != nil {
			return err
		}
		id = g.ID
		if g.Default {
			return awsapi.BadRequest("CannotDelete", "the specified group: \"%s\" name: \"default\" cannot be deleted by a user", g.ID)
		}
		referenced, err := sgRules.any(tx, sc, func(x *sgRule) bool { return x.RefGroupID == g.ID && x.GroupID != g.ID })
		if err != nil {
			return err
		}
		used, err := enis.any(tx, sc, func(e *networkInterface) bool {
			for _, gid := range e.Groups {
				if gid == g.ID {
					return true
				}
			}
			return false
		})
		if err != nil {
			return err
		}
		if referenced || used {
			return awsapi.BadRequest("DependencyViolation", "resource %s has a dependent object", g.ID)
		}
		return s.removeSecurityGroup(tx, sc, g.ID)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Return  bool   `xml:"return"`
		GroupID string `xml:"groupId"`
	}{true, id}, nil
}

// removeSecurityGroup deletes a group and its rules.
func (s *Service) removeSecurityGroup(tx *store.Tx, sc scope, id string) error {
	rules, err := rulesOf(tx, sc, id)
	if err != nil {
		return err
	}
	for _, r := range rules {
		if err := dropRule(tx, sc, r); err != nil {
			return err
		}
	}
	return securityGroups.remove(tx, sc, id)
}
