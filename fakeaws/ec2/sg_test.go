package ec2_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	fakeec2 "github.com/drydock-sandbox/drydock/fakeaws/ec2"
)

func tcp(port int32, cidrs ...string) types.IpPermission {
	p := types.IpPermission{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(port), ToPort: aws.Int32(port)}
	for _, c := range cidrs {
		p.IpRanges = append(p.IpRanges, types.IpRange{CidrIp: aws.String(c)})
	}
	return p
}

func (h *harness) createGroup(t *testing.T, vpcID, name string) string {
	t.Helper()
	out := must[*ec2.CreateSecurityGroupOutput](t)(h.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String(name), Description: aws.String(name + " nodes"), VpcId: aws.String(vpcID),
		TagSpecifications: tagSpec(types.ResourceTypeSecurityGroup, "Name", name),
	}))
	return aws.ToString(out.GroupId)
}

func (h *harness) group(t *testing.T, id string) types.SecurityGroup {
	t.Helper()
	return must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})).SecurityGroups[0]
}

func TestSecurityGroups(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	out := must[*ec2.CreateSecurityGroupOutput](t)(h.ec2.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
		GroupName: aws.String("nodes"), Description: aws.String("nodes of the cluster"), VpcId: aws.String(vpcID),
		TagSpecifications: tagSpec(types.ResourceTypeSecurityGroup, "KubernetesCluster", "k"),
	}))
	id := aws.ToString(out.GroupId)
	if aws.ToString(out.SecurityGroupArn) != "arn:aws:ec2:us-east-1:"+account+":security-group/"+id || tagMap(out.Tags)["KubernetesCluster"] != "k" {
		t.Fatalf("CreateSecurityGroup = %+v", out)
	}
	g := h.group(t, id)
	if aws.ToString(g.GroupName) != "nodes" || aws.ToString(g.Description) != "nodes of the cluster" || aws.ToString(g.VpcId) != vpcID ||
		len(g.IpPermissions) != 0 || len(g.IpPermissionsEgress) != 1 || aws.ToString(g.IpPermissionsEgress[0].IpProtocol) != "-1" ||
		g.IpPermissionsEgress[0].FromPort != nil || aws.ToString(g.IpPermissionsEgress[0].IpRanges[0].CidrIp) != "0.0.0.0/0" {
		t.Fatalf("new group = %+v", g)
	}
	for _, tc := range []struct {
		name, group, desc, vpc, code, msg string
	}{
		{"duplicate", "nodes", "d", vpcID, "InvalidGroup.Duplicate", "The security group 'nodes' already exists for VPC '" + vpcID + "'"},
		{"reserved", "default", "d", vpcID, "InvalidGroup.Reserved", ""},
		{"sg- name", "sg-123", "d", vpcID, "InvalidParameterValue", ""},
		{"no vpc", "x", "d", "", "VPCIdNotSpecified", ""},
		{"missing vpc", "x", "d", "vpc-0123456789abcdef0", "InvalidVpcID.NotFound", ""},
		{"non-ascii", "x", "é", vpcID, "InvalidParameterValue", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := &ec2.CreateSecurityGroupInput{GroupName: aws.String(tc.group), Description: aws.String(tc.desc)}
			if tc.vpc != "" {
				in.VpcId = aws.String(tc.vpc)
			}
			_, err := h.ec2.CreateSecurityGroup(ctx, in)
			wantErr(t, err, tc.code, tc.msg)
		})
	}
	// The same name in another VPC is fine.
	other := aws.ToString(h.createVpc(t, h.ec2, "10.1.0.0/16").VpcId)
	h.createGroup(t, other, "nodes")
}

func TestSecurityGroupRules(t *testing.T) {
	h := start(t, fakeec2.Config{})
	vpcID := aws.ToString(h.createVpc(t, h.ec2, "10.0.0.0/16").VpcId)
	nodes, masters := h.createGroup(t, vpcID, "nodes"), h.createGroup(t, vpcID, "masters")
	auth := must[*ec2.AuthorizeSecurityGroupIngressOutput](t)(h.ec2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
		GroupId: aws.String(nodes),
		IpPermissions: []types.IpPermission{
			tcp(22, "0.0.0.0/0", "10.0.0.0/8"),
			{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String(masters), Description: aws.String("from masters")}}},
			{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), Ipv6Ranges: []types.Ipv6Range{{CidrIpv6: aws.String("::/0")}},
				PrefixListIds: []types.PrefixListId{{PrefixListId: aws.String("pl-12345678")}}},
			{IpProtocol: aws.String("icmp"), FromPort: aws.Int32(-1), ToPort: aws.Int32(-1), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/16")}}},
		},
		TagSpecifications: tagSpec(types.ResourceTypeSecurityGroupRule, "purpose", "ssh"),
	}))
	if !aws.ToBool(auth.Return) || len(auth.SecurityGroupRules) != 6 {
		t.Fatalf("AuthorizeSecurityGroupIngress = %+v", auth)
	}
	r0 := auth.SecurityGroupRules[0]
	if aws.ToBool(r0.IsEgress) || aws.ToString(r0.GroupId) != nodes || aws.ToString(r0.GroupOwnerId) != account || aws.ToString(r0.IpProtocol) != "tcp" ||
		aws.ToInt32(r0.FromPort) != 22 || aws.ToString(r0.CidrIpv4) != "0.0.0.0/0" || tagMap(r0.Tags)["purpose"] != "ssh" {
		t.Fatalf("first rule = %+v", r0)
	}
	if ref := auth.SecurityGroupRules[2]; aws.ToString(ref.ReferencedGroupInfo.GroupId) != masters || aws.ToInt32(ref.FromPort) != -1 || aws.ToString(ref.Description) != "from masters" {
		t.Fatalf("group rule = %+v", ref)
	}
	g := h.group(t, nodes)
	if len(g.IpPermissions) != 4 {
		t.Fatalf("IpPermissions = %+v", g.IpPermissions)
	}
	// Rules are listed by ID, so find the permissions by protocol and port.
	var all, ssh, https *types.IpPermission
	for i, p := range g.IpPermissions {
		switch {
		case aws.ToString(p.IpProtocol) == "-1":
			all = &g.IpPermissions[i]
		case aws.ToString(p.IpProtocol) == "tcp" && aws.ToInt32(p.FromPort) == 22:
			ssh = &g.IpPermissions[i]
		case aws.ToString(p.IpProtocol) == "tcp" && aws.ToInt32(p.FromPort) == 443:
			https = &g.IpPermissions[i]
		}
	}
	if ssh == nil || aws.ToInt32(ssh.ToPort) != 22 || len(ssh.IpRanges) != 2 {
		t.Fatalf("ssh permission = %+v", ssh)
	}
	if all == nil || all.FromPort != nil || aws.ToString(all.UserIdGroupPairs[0].GroupId) != masters || aws.ToString(all.UserIdGroupPairs[0].UserId) != account {
		t.Fatalf("all-traffic permission = %+v", all)
	}
	if https == nil || len(https.Ipv6Ranges) != 1 || len(https.PrefixListIds) != 1 {
		t.Fatalf("https permission = %+v", https)
	}

	authorize := func(perm types.IpPermission) error {
		_, err := h.ec2.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{perm}})
		return err
	}
	for _, tc := range []struct {
		name string
		perm types.IpPermission
		code string
		msg  string
	}{
		{"duplicate", tcp(22, "0.0.0.0/0"), "InvalidPermission.Duplicate", `the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists`},
		{"bad cidr", tcp(80, "10.0.0.0/33"), "InvalidParameterValue", "CIDR block 10.0.0.0/33 is malformed"},
		{"no ports", types.IpPermission{IpProtocol: aws.String("tcp"), IpRanges: []types.IpRange{{CidrIp: aws.String("1.2.3.4/32")}}}, "InvalidParameterValue", ""},
		{"port range", types.IpPermission{IpProtocol: aws.String("udp"), FromPort: aws.Int32(90), ToPort: aws.Int32(80), IpRanges: []types.IpRange{{CidrIp: aws.String("1.2.3.4/32")}}}, "InvalidParameterValue", ""},
		{"protocol", types.IpPermission{IpProtocol: aws.String("gopher"), IpRanges: []types.IpRange{{CidrIp: aws.String("1.2.3.4/32")}}}, "InvalidParameterValue", "Unknown protocol"},
		{"missing group", types.IpPermission{IpProtocol: aws.String("-1"), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: aws.String("sg-0123456789abcdef0")}}}, "InvalidGroup.NotFound", ""},
	} {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, authorize(tc.perm), tc.code, tc.msg) })
	}
	// "6" is tcp.
	wantErr(t, authorize(types.IpPermission{IpProtocol: aws.String("6"), FromPort: aws.Int32(22), ToPort: aws.Int32(22), IpRanges: []types.IpRange{{CidrIp: aws.String("10.0.0.0/8")}}}),
		"InvalidPermission.Duplicate", "")

	// Egress.
	must[*ec2.AuthorizeSecurityGroupEgressOutput](t)(h.ec2.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(5432, "10.0.0.0/16")},
	}))
	_, err := h.ec2.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{{IpProtocol: aws.String("-1"), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}},
	})
	wantErr(t, err, "InvalidPermission.Duplicate", "")
	must[*ec2.AuthorizeSecurityGroupEgressOutput](t)(h.ec2.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{
		GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(6443, "10.1.0.0/16")},
	}))
	revEgress := must[*ec2.RevokeSecurityGroupEgressOutput](t)(h.ec2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{
		GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(6443, "10.1.0.0/16")},
	}))
	if len(revEgress.RevokedSecurityGroupRules) != 1 || !aws.ToBool(revEgress.RevokedSecurityGroupRules[0].IsEgress) {
		t.Fatalf("RevokeSecurityGroupEgress = %+v", revEgress)
	}
	// An ingress rule is not an egress one.
	_, err = h.ec2.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(22, "0.0.0.0/0")}})
	wantErr(t, err, "InvalidPermission.NotFound", "")

	// DescribeSecurityGroupRules and filters.
	rules := func(fs ...types.Filter) []types.SecurityGroupRule {
		return must[*ec2.DescribeSecurityGroupRulesOutput](t)(h.ec2.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: fs})).SecurityGroupRules
	}
	if got := rules(filter("group-id", nodes)); len(got) != 8 {
		t.Fatalf("nodes has %d rules, want 8", len(got))
	}
	if got := rules(filter("tag:purpose", "ssh")); len(got) != 6 {
		t.Fatalf("tagged rules = %d", len(got))
	}
	one := rules(filter("security-group-rule-id", aws.ToString(r0.SecurityGroupRuleId)))
	if len(one) != 1 || aws.ToString(one[0].SecurityGroupRuleArn) != "arn:aws:ec2:us-east-1:"+account+":security-group-rule/"+aws.ToString(r0.SecurityGroupRuleId) {
		t.Fatalf("by ID = %+v", one)
	}
	_, err = h.ec2.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{"sgr-0123456789abcdef0"}})
	wantErr(t, err, "InvalidSecurityGroupRuleId.NotFound", "")
	sgs := must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		filter("ip-permission.from-port", "22"), filter("ip-permission.cidr", "10.0.0.0/8"),
	}}))
	if len(sgs.SecurityGroups) != 1 || aws.ToString(sgs.SecurityGroups[0].GroupId) != nodes {
		t.Fatalf("ip-permission filters = %+v", sgs.SecurityGroups)
	}
	if got := must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{
		filter("egress.ip-permission.to-port", "5432"),
	}})); len(got.SecurityGroups) != 1 {
		t.Fatalf("egress filter = %d groups", len(got.SecurityGroups))
	}

	// Revoke by permission and by rule ID.
	rev := must[*ec2.RevokeSecurityGroupIngressOutput](t)(h.ec2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
		GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(22, "10.0.0.0/8")},
	}))
	if !aws.ToBool(rev.Return) || len(rev.RevokedSecurityGroupRules) != 1 || aws.ToString(rev.RevokedSecurityGroupRules[0].CidrIpv4) != "10.0.0.0/8" {
		t.Fatalf("RevokeSecurityGroupIngress = %+v", rev)
	}
	_, err = h.ec2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(nodes), IpPermissions: []types.IpPermission{tcp(22, "10.0.0.0/8")}})
	wantErr(t, err, "InvalidPermission.NotFound", "The specified rule does not exist in this security group.")
	must[*ec2.RevokeSecurityGroupIngressOutput](t)(h.ec2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
		GroupId: aws.String(nodes), SecurityGroupRuleIds: []string{aws.ToString(r0.SecurityGroupRuleId)},
	}))
	_, err = h.ec2.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(nodes), SecurityGroupRuleIds: []string{aws.ToString(r0.SecurityGroupRuleId)}})
	wantErr(t, err, "InvalidSecurityGroupRuleId.NotFound", "")
	if got := rules(filter("group-id", nodes)); len(got) != 6 {
		t.Fatalf("after revokes nodes has %d rules, want 6", len(got))
	}

	// A group another group's rule refers to cannot go; the default one never.
	_, err = h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(masters)})
	wantErr(t, err, "DependencyViolation", "resource "+masters+" has a dependent object")
	def := must[*ec2.DescribeSecurityGroupsOutput](t)(h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []types.Filter{filter("group-name", "default")}})).SecurityGroups[0]
	_, err = h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: def.GroupId})
	wantErr(t, err, "CannotDelete", "cannot be deleted by a user")
	del := must[*ec2.DeleteSecurityGroupOutput](t)(h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(nodes)}))
	if !aws.ToBool(del.Return) || aws.ToString(del.GroupId) != nodes {
		t.Fatalf("DeleteSecurityGroup = %+v", del)
	}
	must[*ec2.DeleteSecurityGroupOutput](t)(h.ec2.DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(masters)}))
	_, err = h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{nodes}})
	wantErr(t, err, "InvalidGroup.NotFound", "The security group '"+nodes+"' does not exist")
	_, err = h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{"sg-1"}})
	wantErr(t, err, "InvalidGroupId.Malformed", `Invalid id: "sg-1" (expecting "sg-...")`)
	_, err = h.ec2.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupNames: []string{"default"}})
	wantErr(t, err, "InvalidGroup.NotFound", "default VPC")
	if got := rules(filter("group-id", nodes)); len(got) != 0 {
		t.Fatalf("deleted group left %d rules", len(got))
	}
}
