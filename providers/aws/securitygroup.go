package aws

import (
	"context"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/drydock-sandbox/drydock/providers"
)

// Security groups.

func (t *securityGroupTask) kind() string { return "SecurityGroup" }
func (t *securityGroupTask) name() string { return t.Name }
func (t *securityGroupTask) deps() []task { return []task{t.VPC} }
func (t *securityGroupTask) fields() []field {
	return []field{fixed("Description", t.Description), fieldOf("Tags", t.Tags), fixed("VPC", t.VPC)}
}

func (t *securityGroupTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.VPC.id == "" {
		return nil, nil
	}
	out, err := c.EC2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{
		Filters: []ec2types.Filter{filter("group-name", t.Name), filter("vpc-id", t.VPC.id)},
	})
	if err != nil {
		return nil, err
	}
	g, err := one(out.SecurityGroups, "security group", t.Name)
	if g == nil || err != nil {
		return nil, err
	}
	t.id = aws.ToString(g.GroupId)
	return &securityGroupTask{
		Name: t.Name, VPC: t.VPC, Description: aws.ToString(g.Description), Tags: only(tagMap(g.Tags), t.Tags), id: t.id,
	}, nil
}

func (t *securityGroupTask) create(ctx context.Context, c *Clients) error {
	out, err := c.EC2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(t.Name), Description: aws.String(t.Description), VpcId: aws.String(t.VPC.id),
		TagSpecifications: tagSpec(ec2types.ResourceTypeSecurityGroup, t.Tags),
	})
	if err != nil {
		return err
	}
	t.id = aws.ToString(out.GroupId)
	return nil
}

func (t *securityGroupTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// Security group rules. A rule is named after what it allows (kOps'
// names: "from-nodes.C-ingress-tcp-1to2379-masters.C"), so a rule with
// other values is another rule: every field is immutable.

func (t *securityGroupRuleTask) kind() string { return "SecurityGroupRule" }
func (t *securityGroupRuleTask) name() string { return t.Name }
func (t *securityGroupRuleTask) deps() []task {
	if t.Source != nil {
		return []task{t.Group, t.Source}
	}
	return []task{t.Group}
}

func (t *securityGroupRuleTask) fields() []field {
	f := []field{
		fixed("SecurityGroup", t.Group),
		fixed("Protocol", t.protocolName()),
		fieldOf("Tags", t.Tags),
	}
	if t.Egress {
		f = append(f, fixed("Egress", true))
	}
	if t.Protocol != "-1" {
		f = append(f, fixed("FromPort", t.FromPort), fixed("ToPort", t.ToPort))
	}
	if t.Source != nil {
		return append(f, fixed("SourceGroup", t.Source))
	}
	return append(f, fixed("CIDR", t.CIDR))
}

func (t *securityGroupRuleTask) protocolName() string {
	if t.Protocol == "-1" {
		return "all"
	}
	return t.Protocol
}

// matches reports whether an AWS rule is this one.
func (t *securityGroupRuleTask) matches(r ec2types.SecurityGroupRule) bool {
	if aws.ToBool(r.IsEgress) != t.Egress || aws.ToString(r.IpProtocol) != t.Protocol {
		return false
	}
	if t.Protocol != "-1" && (aws.ToInt32(r.FromPort) != t.FromPort || aws.ToInt32(r.ToPort) != t.ToPort) {
		return false
	}
	switch {
	case t.Source != nil:
		return r.ReferencedGroupInfo != nil && aws.ToString(r.ReferencedGroupInfo.GroupId) == t.Source.id
	case strings.Contains(t.CIDR, ":"):
		return aws.ToString(r.CidrIpv6) == t.CIDR
	default:
		return aws.ToString(r.CidrIpv4) == t.CIDR
	}
}

func (t *securityGroupRuleTask) find(ctx context.Context, c *Clients) (task, error) {
	if t.Group.id == "" || (t.Source != nil && t.Source.id == "") {
		return nil, nil
	}
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{filter("group-id", t.Group.id)},
	})
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range out.SecurityGroupRules {
			if t.matches(r) {
				actual := *t
				actual.Tags = only(tagMap(r.Tags), t.Tags)
				actual.id = aws.ToString(r.SecurityGroupRuleId)
				t.id = actual.id
				return &actual, nil
			}
		}
	}
	return nil, nil
}

func (t *securityGroupRuleTask) permission() ec2types.IpPermission {
	p := ec2types.IpPermission{IpProtocol: aws.String(t.Protocol)}
	if t.Protocol != "-1" {
		p.FromPort, p.ToPort = aws.Int32(t.FromPort), aws.Int32(t.ToPort)
	}
	switch {
	case t.Source != nil:
		p.UserIdGroupPairs = []ec2types.UserIdGroupPair{{GroupId: aws.String(t.Source.id)}}
	case strings.Contains(t.CIDR, ":"):
		p.Ipv6Ranges = []ec2types.Ipv6Range{{CidrIpv6: aws.String(t.CIDR)}}
	default:
		p.IpRanges = []ec2types.IpRange{{CidrIp: aws.String(t.CIDR)}}
	}
	return p
}

func (t *securityGroupRuleTask) create(ctx context.Context, c *Clients) error {
	perms := []ec2types.IpPermission{t.permission()}
	spec := tagSpec(ec2types.ResourceTypeSecurityGroupRule, t.Tags)
	if t.Egress {
		_, err := c.EC2.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
			GroupId: aws.String(t.Group.id), IpPermissions: perms, TagSpecifications: spec,
		})
		return err
	}
	_, err := c.EC2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(t.Group.id), IpPermissions: perms, TagSpecifications: spec,
	})
	return err
}

func (t *securityGroupRuleTask) update(ctx context.Context, c *Clients, _ task, changes []providers.Field) error {
	return updateTags(ctx, c, t.id, t.Tags, changes)
}

// ruleName names a rule as kOps does:
// "from-SOURCE-ingress-PROTO-FROMtoTO-GROUP", and
// "from-GROUP-egress-PROTO-FROMtoTO-DESTINATION".
func ruleName(source string, egress bool, protocol string, from, to int32, group string) string {
	dir := "ingress"
	if egress {
		dir = "egress"
		source, group = group, source
	}
	proto, ports := protocol, strconv.Itoa(int(from))+"to"+strconv.Itoa(int(to))
	if protocol == "-1" {
		proto, ports = "all", "0to0"
	}
	return "from-" + source + "-" + dir + "-" + proto + "-" + ports + "-" + group
}
