// Package awstest helps test the AWS driver: Inventory lists everything
// an account holds in a region, so that a test can prove that deleting a
// cluster left the account exactly as it found it.
package awstest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	awsdriver "github.com/drydock-sandbox/drydock/providers/aws"
)

// Inventory lists every resource of the clients' account and region, one
// sorted line each, "SERVICE KIND ID attr=value… tag=value…": VPCs,
// subnets, route tables (with their routes and associations), internet
// and NAT gateways (not deleted), Elastic IPs, security groups (with
// their rule count), network ACLs and interfaces, DHCP options, key
// pairs, launch templates, instances (not terminated), volumes, Auto
// Scaling groups, load balancers, listeners, target groups, IAM roles
// (with their inline and attached policies), instance profiles, hosted
// zones and their record sets. States that
// move on their own (pending, running) are left out, so two inventories
// of an account nobody changed are equal.
func Inventory(ctx context.Context, c *awsdriver.Clients) ([]string, error) {
	inv := &inventory{}
	for _, f := range []func(context.Context, *awsdriver.Clients) error{
		inv.vpcs, inv.subnets, inv.routeTables, inv.gateways, inv.addresses, inv.securityGroups,
		inv.networkACLs, inv.networkInterfaces, inv.dhcpOptions, inv.keyPairs, inv.launchTemplates,
		inv.instances, inv.volumes, inv.autoscaling, inv.loadBalancers, inv.iamRoles, inv.iamProfiles,
		inv.route53,
	} {
		if err := f(ctx, c); err != nil {
			return nil, fmt.Errorf("inventory: %w", err)
		}
	}
	slices.Sort(inv.lines)
	return inv.lines, nil
}

type inventory struct{ lines []string }

// add records one resource; attrs are "k=v" (or plain) words, tags are
// appended sorted by key.
func (inv *inventory) add(service, kind, id string, tags map[string]string, attrs ...string) {
	words := append([]string{service, kind, id}, attrs...)
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		words = append(words, k+"="+tags[k])
	}
	inv.lines = append(inv.lines, strings.Join(words, " "))
}

func ec2Tags(tags []ec2types.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

func (inv *inventory) vpcs(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeVpcsPaginator(c.EC2, &ec2.DescribeVpcsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, v := range page.Vpcs {
			inv.add("ec2", "vpc", aws.ToString(v.VpcId), ec2Tags(v.Tags), "cidr="+aws.ToString(v.CidrBlock), "dhcp="+aws.ToString(v.DhcpOptionsId))
		}
	}
	return nil
}

func (inv *inventory) subnets(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeSubnetsPaginator(c.EC2, &ec2.DescribeSubnetsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, s := range page.Subnets {
			inv.add("ec2", "subnet", aws.ToString(s.SubnetId), ec2Tags(s.Tags), "vpc="+aws.ToString(s.VpcId),
				"cidr="+aws.ToString(s.CidrBlock), "zone="+aws.ToString(s.AvailabilityZone))
		}
	}
	return nil
}

// routeTables summarises each table's routes (DEST>TARGET) and
// associations (subnet, gateway or main).
func (inv *inventory) routeTables(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeRouteTablesPaginator(c.EC2, &ec2.DescribeRouteTablesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, t := range page.RouteTables {
			var routes, assocs []string
			for _, r := range t.Routes {
				dest := aws.ToString(r.DestinationCidrBlock) + aws.ToString(r.DestinationIpv6CidrBlock) + aws.ToString(r.DestinationPrefixListId)
				target := aws.ToString(r.GatewayId) + aws.ToString(r.NatGatewayId) + aws.ToString(r.InstanceId) +
					aws.ToString(r.NetworkInterfaceId) + aws.ToString(r.VpcPeeringConnectionId) + aws.ToString(r.TransitGatewayId)
				routes = append(routes, dest+">"+target)
			}
			for _, a := range t.Associations {
				switch {
				case aws.ToBool(a.Main):
					assocs = append(assocs, "main")
				default:
					assocs = append(assocs, aws.ToString(a.SubnetId)+aws.ToString(a.GatewayId))
				}
			}
			slices.Sort(routes)
			slices.Sort(assocs)
			inv.add("ec2", "route-table", aws.ToString(t.RouteTableId), ec2Tags(t.Tags), "vpc="+aws.ToString(t.VpcId),
				"routes="+strings.Join(routes, ","), "associations="+strings.Join(assocs, ","))
		}
	}
	return nil
}

// gateways lists internet gateways and the NAT gateways not deleted.
func (inv *inventory) gateways(ctx context.Context, c *awsdriver.Clients) error {
	igws := ec2.NewDescribeInternetGatewaysPaginator(c.EC2, &ec2.DescribeInternetGatewaysInput{})
	for igws.HasMorePages() {
		page, err := igws.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, g := range page.InternetGateways {
			var vpcs []string
			for _, a := range g.Attachments {
				vpcs = append(vpcs, aws.ToString(a.VpcId))
			}
			inv.add("ec2", "internet-gateway", aws.ToString(g.InternetGatewayId), ec2Tags(g.Tags), "attached="+strings.Join(vpcs, ","))
		}
	}
	nats := ec2.NewDescribeNatGatewaysPaginator(c.EC2, &ec2.DescribeNatGatewaysInput{})
	for nats.HasMorePages() {
		page, err := nats.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, n := range page.NatGateways {
			if n.State == ec2types.NatGatewayStateDeleted {
				continue
			}
			inv.add("ec2", "nat-gateway", aws.ToString(n.NatGatewayId), ec2Tags(n.Tags), "subnet="+aws.ToString(n.SubnetId))
		}
	}
	return nil
}

func (inv *inventory) addresses(ctx context.Context, c *awsdriver.Clients) error {
	out, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	if err != nil {
		return err
	}
	for _, a := range out.Addresses {
		inv.add("ec2", "elastic-ip", aws.ToString(a.AllocationId), ec2Tags(a.Tags), "ip="+aws.ToString(a.PublicIp))
	}
	return nil
}

// securityGroups counts each group's rules.
func (inv *inventory) securityGroups(ctx context.Context, c *awsdriver.Clients) error {
	rules := map[string]int{}
	rp := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2, &ec2.DescribeSecurityGroupRulesInput{})
	for rp.HasMorePages() {
		page, err := rp.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, r := range page.SecurityGroupRules {
			rules[aws.ToString(r.GroupId)]++
		}
	}
	p := ec2.NewDescribeSecurityGroupsPaginator(c.EC2, &ec2.DescribeSecurityGroupsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, g := range page.SecurityGroups {
			id := aws.ToString(g.GroupId)
			inv.add("ec2", "security-group", id, ec2Tags(g.Tags), "name="+aws.ToString(g.GroupName),
				"vpc="+aws.ToString(g.VpcId), "rules="+strconv.Itoa(rules[id]))
		}
	}
	return nil
}

func (inv *inventory) networkACLs(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeNetworkAclsPaginator(c.EC2, &ec2.DescribeNetworkAclsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, a := range page.NetworkAcls {
			inv.add("ec2", "network-acl", aws.ToString(a.NetworkAclId), ec2Tags(a.Tags), "vpc="+aws.ToString(a.VpcId),
				"default="+strconv.FormatBool(aws.ToBool(a.IsDefault)), "entries="+strconv.Itoa(len(a.Entries)))
		}
	}
	return nil
}

func (inv *inventory) networkInterfaces(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeNetworkInterfacesPaginator(c.EC2, &ec2.DescribeNetworkInterfacesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, n := range page.NetworkInterfaces {
			inv.add("ec2", "network-interface", aws.ToString(n.NetworkInterfaceId), ec2Tags(n.TagSet),
				"subnet="+aws.ToString(n.SubnetId), "type="+string(n.InterfaceType), "description="+strconv.Quote(aws.ToString(n.Description)))
		}
	}
	return nil
}

func (inv *inventory) dhcpOptions(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeDhcpOptionsPaginator(c.EC2, &ec2.DescribeDhcpOptionsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, d := range page.DhcpOptions {
			inv.add("ec2", "dhcp-options", aws.ToString(d.DhcpOptionsId), ec2Tags(d.Tags))
		}
	}
	return nil
}

func (inv *inventory) keyPairs(ctx context.Context, c *awsdriver.Clients) error {
	out, err := c.EC2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{})
	if err != nil {
		return err
	}
	for _, k := range out.KeyPairs {
		inv.add("ec2", "key-pair", aws.ToString(k.KeyPairId), ec2Tags(k.Tags), "name="+aws.ToString(k.KeyName))
	}
	return nil
}

func (inv *inventory) launchTemplates(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeLaunchTemplatesPaginator(c.EC2, &ec2.DescribeLaunchTemplatesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, t := range page.LaunchTemplates {
			inv.add("ec2", "launch-template", aws.ToString(t.LaunchTemplateId), ec2Tags(t.Tags),
				"name="+aws.ToString(t.LaunchTemplateName), "latest="+strconv.FormatInt(aws.ToInt64(t.LatestVersionNumber), 10))
		}
	}
	return nil
}

// instances lists the instances not terminated (nor terminating).
func (inv *inventory) instances(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeInstancesPaginator(c.EC2, &ec2.DescribeInstancesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, res := range page.Reservations {
			for _, i := range res.Instances {
				if i.State != nil && (i.State.Name == ec2types.InstanceStateNameTerminated || i.State.Name == ec2types.InstanceStateNameShuttingDown) {
					continue
				}
				inv.add("ec2", "instance", aws.ToString(i.InstanceId), ec2Tags(i.Tags), "type="+string(i.InstanceType), "subnet="+aws.ToString(i.SubnetId))
			}
		}
	}
	return nil
}

func (inv *inventory) volumes(ctx context.Context, c *awsdriver.Clients) error {
	p := ec2.NewDescribeVolumesPaginator(c.EC2, &ec2.DescribeVolumesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, v := range page.Volumes {
			if v.State == ec2types.VolumeStateDeleted {
				continue
			}
			inv.add("ec2", "volume", aws.ToString(v.VolumeId), ec2Tags(v.Tags), "size="+strconv.Itoa(int(aws.ToInt32(v.Size))),
				"type="+string(v.VolumeType), "zone="+aws.ToString(v.AvailabilityZone))
		}
	}
	return nil
}

func (inv *inventory) autoscaling(ctx context.Context, c *awsdriver.Clients) error {
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, g := range page.AutoScalingGroups {
			tags := map[string]string{}
			for _, t := range g.Tags {
				tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			inv.add("autoscaling", "group", aws.ToString(g.AutoScalingGroupName), tags,
				fmt.Sprintf("size=%d/%d/%d", aws.ToInt32(g.MinSize), aws.ToInt32(g.DesiredCapacity), aws.ToInt32(g.MaxSize)))
		}
	}
	return nil
}

// loadBalancers lists load balancers with their listeners, and target
// groups, with their tags.
func (inv *inventory) loadBalancers(ctx context.Context, c *awsdriver.Clients) error {
	type item struct{ kind, arn, attrs string }
	var items []item
	lbs := elbv2.NewDescribeLoadBalancersPaginator(c.ELBv2, &elbv2.DescribeLoadBalancersInput{})
	for lbs.HasMorePages() {
		page, err := lbs.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, lb := range page.LoadBalancers {
			arn := aws.ToString(lb.LoadBalancerArn)
			items = append(items, item{"load-balancer", arn, fmt.Sprintf("name=%s type=%s scheme=%s vpc=%s",
				aws.ToString(lb.LoadBalancerName), lb.Type, lb.Scheme, aws.ToString(lb.VpcId))})
			ls := elbv2.NewDescribeListenersPaginator(c.ELBv2, &elbv2.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
			for ls.HasMorePages() {
				lp, err := ls.NextPage(ctx)
				if err != nil {
					return err
				}
				for _, l := range lp.Listeners {
					inv.add("elbv2", "listener", aws.ToString(l.ListenerArn), nil, "lb="+arn,
						fmt.Sprintf("%s:%d", l.Protocol, aws.ToInt32(l.Port)))
				}
			}
		}
	}
	tgs := elbv2.NewDescribeTargetGroupsPaginator(c.ELBv2, &elbv2.DescribeTargetGroupsInput{})
	for tgs.HasMorePages() {
		page, err := tgs.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, tg := range page.TargetGroups {
			items = append(items, item{"target-group", aws.ToString(tg.TargetGroupArn), fmt.Sprintf("name=%s %s:%d vpc=%s",
				aws.ToString(tg.TargetGroupName), tg.Protocol, aws.ToInt32(tg.Port), aws.ToString(tg.VpcId))})
		}
	}
	for start := 0; start < len(items); start += 20 {
		batch := items[start:min(start+20, len(items))]
		arns := make([]string, len(batch))
		for i, it := range batch {
			arns[i] = it.arn
		}
		out, err := c.ELBv2.DescribeTags(ctx, &elbv2.DescribeTagsInput{ResourceArns: arns})
		if err != nil {
			return err
		}
		tags := map[string]map[string]string{}
		for _, d := range out.TagDescriptions {
			m := map[string]string{}
			for _, t := range d.Tags {
				m[aws.ToString(t.Key)] = aws.ToString(t.Value)
			}
			tags[aws.ToString(d.ResourceArn)] = m
		}
		for _, it := range batch {
			inv.add("elbv2", it.kind, it.arn, tags[it.arn], it.attrs)
		}
	}
	return nil
}

func iamTags(tags []iamtypes.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

// iamRoles lists the roles with their inline and attached policies.
// (Customer managed policies are not listed: fakeaws has none.)
func (inv *inventory) iamRoles(ctx context.Context, c *awsdriver.Clients) error {
	p := iam.NewListRolesPaginator(c.IAM, &iam.ListRolesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, r := range page.Roles {
			name := r.RoleName
			var tags []iamtypes.Tag
			tp := iam.NewListRoleTagsPaginator(c.IAM, &iam.ListRoleTagsInput{RoleName: name})
			for tp.HasMorePages() {
				tpage, err := tp.NextPage(ctx)
				if err != nil {
					return err
				}
				tags = append(tags, tpage.Tags...)
			}
			inv.add("iam", "role", aws.ToString(name), iamTags(tags), "path="+aws.ToString(r.Path))
			pp := iam.NewListRolePoliciesPaginator(c.IAM, &iam.ListRolePoliciesInput{RoleName: name})
			for pp.HasMorePages() {
				ppage, err := pp.NextPage(ctx)
				if err != nil {
					return err
				}
				for _, pol := range ppage.PolicyNames {
					inv.add("iam", "role-policy", aws.ToString(name)+"/"+pol, nil)
				}
			}
			ap := iam.NewListAttachedRolePoliciesPaginator(c.IAM, &iam.ListAttachedRolePoliciesInput{RoleName: name})
			for ap.HasMorePages() {
				apage, err := ap.NextPage(ctx)
				if err != nil {
					return err
				}
				for _, pol := range apage.AttachedPolicies {
					inv.add("iam", "attached-policy", aws.ToString(name), nil, aws.ToString(pol.PolicyArn))
				}
			}
		}
	}
	return nil
}

func (inv *inventory) iamProfiles(ctx context.Context, c *awsdriver.Clients) error {
	p := iam.NewListInstanceProfilesPaginator(c.IAM, &iam.ListInstanceProfilesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, ip := range page.InstanceProfiles {
			var roles []string
			for _, r := range ip.Roles {
				roles = append(roles, aws.ToString(r.RoleName))
			}
			var tags []iamtypes.Tag
			tp := iam.NewListInstanceProfileTagsPaginator(c.IAM, &iam.ListInstanceProfileTagsInput{InstanceProfileName: ip.InstanceProfileName})
			for tp.HasMorePages() {
				tpage, err := tp.NextPage(ctx)
				if err != nil {
					return err
				}
				tags = append(tags, tpage.Tags...)
			}
			inv.add("iam", "instance-profile", aws.ToString(ip.InstanceProfileName), iamTags(tags), "roles="+strings.Join(roles, ","))
		}
	}
	return nil
}

// route53 lists the hosted zones, with their tags, and every record set
// of each.
func (inv *inventory) route53(ctx context.Context, c *awsdriver.Clients) error {
	p := route53.NewListHostedZonesPaginator(c.Route53, &route53.ListHostedZonesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, z := range page.HostedZones {
			id := strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/")
			tags, err := c.Route53.ListTagsForResource(ctx, &route53.ListTagsForResourceInput{
				ResourceId: aws.String(id), ResourceType: r53types.TagResourceTypeHostedzone})
			if err != nil {
				return err
			}
			m := map[string]string{}
			if tags.ResourceTagSet != nil {
				for _, t := range tags.ResourceTagSet.Tags {
					m[aws.ToString(t.Key)] = aws.ToString(t.Value)
				}
			}
			private := z.Config != nil && z.Config.PrivateZone
			inv.add("route53", "hosted-zone", id, m, "name="+aws.ToString(z.Name), "private="+strconv.FormatBool(private))
			if err := inv.records(ctx, c, id); err != nil {
				return err
			}
		}
	}
	return nil
}

func (inv *inventory) records(ctx context.Context, c *awsdriver.Clients, zone string) error {
	in := &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(zone)}
	for {
		page, err := c.Route53.ListResourceRecordSets(ctx, in)
		if err != nil {
			return err
		}
		for _, s := range page.ResourceRecordSets {
			var values []string
			for _, r := range s.ResourceRecords {
				values = append(values, aws.ToString(r.Value))
			}
			attrs := []string{string(s.Type), "ttl=" + strconv.FormatInt(aws.ToInt64(s.TTL), 10)}
			if s.AliasTarget != nil {
				attrs = append(attrs, "alias="+aws.ToString(s.AliasTarget.DNSName))
			} else {
				attrs = append(attrs, "values="+strconv.Quote(strings.Join(values, ",")))
			}
			if s.SetIdentifier != nil {
				attrs = append(attrs, "set="+aws.ToString(s.SetIdentifier))
			}
			inv.add("route53", "record", zone+"/"+aws.ToString(s.Name), nil, attrs...)
		}
		if !page.IsTruncated {
			return nil
		}
		in.StartRecordName, in.StartRecordType, in.StartRecordIdentifier = page.NextRecordName, page.NextRecordType, page.NextRecordIdentifier
	}
}
