package aws_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/autoscaling"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	elbv2 "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	driver "github.com/drydock-sandbox/drydock/providers/aws"
)

// tfDetails lists what awstest.Inventory leaves out and a cluster's
// resources are made of, in its "SERVICE KIND ID attr=value…" lines: VPC
// DNS attributes, DHCP configurations, NAT gateways' addresses, every
// security group rule, the latest version of every launch template,
// volumes' encryption, key fingerprints, groups' templates, subnets and
// target groups, load balancers' subnets, groups and attributes, target
// groups' health checks, listeners' actions, IAM policy documents, hosted
// zones' VPCs and aliases.
func tfDetails(ctx context.Context, c *driver.Clients) ([]string, error) {
	d := &tfDetailLines{}
	for _, f := range []func(context.Context, *driver.Clients) error{
		d.vpcs, d.natGateways, d.rules, d.launchTemplates, d.volumesKeys, d.groups, d.loadBalancers, d.iam, d.zones,
	} {
		if err := f(ctx, c); err != nil {
			return nil, fmt.Errorf("details: %w", err)
		}
	}
	return d.lines, nil
}

type tfDetailLines struct{ lines []string }

func (d *tfDetailLines) add(words ...string) { d.lines = append(d.lines, strings.Join(words, " ")) }

func tfTagWords(tags []ec2types.Tag) []string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tfMapWords(m)
}

func tfMapWords(m map[string]string) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, k+"="+m[k])
	}
	return out
}

func tfSorted(ss []string) string { return strings.Join(slices.Sorted(slices.Values(ss)), ",") }

func (d *tfDetailLines) vpcs(ctx context.Context, c *driver.Clients) error {
	vpcs, err := c.EC2.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{})
	if err != nil {
		return err
	}
	for _, v := range vpcs.Vpcs {
		words := []string{"ec2", "vpc-attributes", aws.ToString(v.VpcId)}
		for _, a := range []ec2types.VpcAttributeName{ec2types.VpcAttributeNameEnableDnsHostnames, ec2types.VpcAttributeNameEnableDnsSupport} {
			out, err := c.EC2.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: v.VpcId, Attribute: a})
			if err != nil {
				return err
			}
			on := out.EnableDnsHostnames
			if a == ec2types.VpcAttributeNameEnableDnsSupport {
				on = out.EnableDnsSupport
			}
			words = append(words, string(a)+"="+strconv.FormatBool(on != nil && aws.ToBool(on.Value)))
		}
		d.add(words...)
	}
	dhcp, err := c.EC2.DescribeDhcpOptions(ctx, &ec2.DescribeDhcpOptionsInput{})
	if err != nil {
		return err
	}
	for _, o := range dhcp.DhcpOptions {
		words := []string{"ec2", "dhcp-configuration", aws.ToString(o.DhcpOptionsId)}
		for _, cfg := range o.DhcpConfigurations {
			var vals []string
			for _, v := range cfg.Values {
				vals = append(vals, aws.ToString(v.Value))
			}
			words = append(words, aws.ToString(cfg.Key)+"="+strings.Join(vals, ","))
		}
		slices.Sort(words[3:])
		d.add(words...)
	}
	subnets, err := c.EC2.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{})
	if err != nil {
		return err
	}
	for _, s := range subnets.Subnets {
		d.add("ec2", "subnet-attributes", aws.ToString(s.SubnetId), "map-public-ip="+strconv.FormatBool(aws.ToBool(s.MapPublicIpOnLaunch)))
	}
	addrs, err := c.EC2.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	if err != nil {
		return err
	}
	for _, a := range addrs.Addresses {
		d.add("ec2", "elastic-ip-attributes", aws.ToString(a.AllocationId), "domain="+string(a.Domain))
	}
	return nil
}

func (d *tfDetailLines) natGateways(ctx context.Context, c *driver.Clients) error {
	out, err := c.EC2.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{})
	if err != nil {
		return err
	}
	for _, n := range out.NatGateways {
		if n.State == ec2types.NatGatewayStateDeleted {
			continue
		}
		var allocs []string
		for _, a := range n.NatGatewayAddresses {
			allocs = append(allocs, aws.ToString(a.AllocationId))
		}
		d.add("ec2", "nat-gateway-attributes", aws.ToString(n.NatGatewayId), "state="+string(n.State),
			"connectivity="+string(n.ConnectivityType), "allocations="+tfSorted(allocs))
	}
	return nil
}

// rules lists every security group rule, tagged as it is.
func (d *tfDetailLines) rules(ctx context.Context, c *driver.Clients) error {
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c.EC2, &ec2.DescribeSecurityGroupRulesInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, r := range page.SecurityGroupRules {
			src := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6) + aws.ToString(r.PrefixListId)
			if r.ReferencedGroupInfo != nil {
				src += aws.ToString(r.ReferencedGroupInfo.GroupId)
			}
			words := []string{"ec2", "security-group-rule", aws.ToString(r.SecurityGroupRuleId), "group=" + aws.ToString(r.GroupId),
				"egress=" + strconv.FormatBool(aws.ToBool(r.IsEgress)), "protocol=" + aws.ToString(r.IpProtocol),
				fmt.Sprintf("ports=%d-%d", aws.ToInt32(r.FromPort), aws.ToInt32(r.ToPort)), "source=" + src,
				"description=" + strconv.Quote(aws.ToString(r.Description))}
			d.add(append(words, tfTagWords(r.Tags)...)...)
		}
	}
	return nil
}

// launchTemplates lists the data of each template's latest version,
// the user data as a digest.
func (d *tfDetailLines) launchTemplates(ctx context.Context, c *driver.Clients) error {
	out, err := c.EC2.DescribeLaunchTemplates(ctx, &ec2.DescribeLaunchTemplatesInput{})
	if err != nil {
		return err
	}
	for _, lt := range out.LaunchTemplates {
		id := aws.ToString(lt.LaunchTemplateId)
		vs, err := c.EC2.DescribeLaunchTemplateVersions(ctx, &ec2.DescribeLaunchTemplateVersionsInput{
			LaunchTemplateId: lt.LaunchTemplateId, Versions: []string{"$Latest"}})
		if err != nil {
			return err
		}
		if len(vs.LaunchTemplateVersions) != 1 || vs.LaunchTemplateVersions[0].LaunchTemplateData == nil {
			return fmt.Errorf("launch template %s: no latest version", id)
		}
		v := vs.LaunchTemplateVersions[0]
		data := v.LaunchTemplateData
		words := []string{"ec2", "launch-template-version", id,
			fmt.Sprintf("version=%d", aws.ToInt64(v.VersionNumber)),
			fmt.Sprintf("default=%d", aws.ToInt64(lt.DefaultVersionNumber)),
			"image=" + aws.ToString(data.ImageId), "type=" + string(data.InstanceType), "key=" + aws.ToString(data.KeyName),
			"security-groups=" + tfSorted(data.SecurityGroupIds)}
		if p := data.IamInstanceProfile; p != nil {
			words = append(words, "profile="+aws.ToString(p.Name)+aws.ToString(p.Arn))
		}
		for _, b := range data.BlockDeviceMappings {
			if e := b.Ebs; e != nil {
				words = append(words, fmt.Sprintf("block-device=%s:%d:%s:encrypted=%t:delete=%t:iops=%d:throughput=%d",
					aws.ToString(b.DeviceName), aws.ToInt32(e.VolumeSize), e.VolumeType, aws.ToBool(e.Encrypted),
					aws.ToBool(e.DeleteOnTermination), aws.ToInt32(e.Iops), aws.ToInt32(e.Throughput)))
			}
		}
		for _, n := range data.NetworkInterfaces {
			words = append(words, fmt.Sprintf("interface=%d:public=%t:delete=%t:groups=%s", aws.ToInt32(n.DeviceIndex),
				aws.ToBool(n.AssociatePublicIpAddress), aws.ToBool(n.DeleteOnTermination), tfSorted(n.Groups)))
		}
		if m := data.MetadataOptions; m != nil {
			words = append(words, fmt.Sprintf("metadata=%s:%s:%d", m.HttpEndpoint, m.HttpTokens, aws.ToInt32(m.HttpPutResponseHopLimit)))
		}
		if ud := aws.ToString(data.UserData); ud != "" {
			raw, err := base64.StdEncoding.DecodeString(ud)
			if err != nil {
				return fmt.Errorf("launch template %s: user data: %w", id, err)
			}
			sum := sha256.Sum256(raw)
			words = append(words, "user-data=sha256_"+hex.EncodeToString(sum[:8]))
		}
		d.add(words...)
		for _, ts := range data.TagSpecifications {
			d.add(append([]string{"ec2", "launch-template-tags", id, "for=" + string(ts.ResourceType)}, tfTagWords(ts.Tags)...)...)
		}
	}
	return nil
}

func (d *tfDetailLines) volumesKeys(ctx context.Context, c *driver.Clients) error {
	vols, err := c.EC2.DescribeVolumes(ctx, &ec2.DescribeVolumesInput{})
	if err != nil {
		return err
	}
	for _, v := range vols.Volumes {
		if v.State == ec2types.VolumeStateDeleted {
			continue
		}
		d.add("ec2", "volume-attributes", aws.ToString(v.VolumeId), "encrypted="+strconv.FormatBool(aws.ToBool(v.Encrypted)),
			fmt.Sprintf("iops=%d", aws.ToInt32(v.Iops)), fmt.Sprintf("throughput=%d", aws.ToInt32(v.Throughput)))
	}
	keys, err := c.EC2.DescribeKeyPairs(ctx, &ec2.DescribeKeyPairsInput{})
	if err != nil {
		return err
	}
	for _, k := range keys.KeyPairs {
		d.add("ec2", "key-pair-attributes", aws.ToString(k.KeyPairId), "type="+string(k.KeyType), "fingerprint="+aws.ToString(k.KeyFingerprint))
	}
	return nil
}

func (d *tfDetailLines) groups(ctx context.Context, c *driver.Clients) error {
	p := autoscaling.NewDescribeAutoScalingGroupsPaginator(c.AutoScaling, &autoscaling.DescribeAutoScalingGroupsInput{})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		for _, g := range page.AutoScalingGroups {
			name := aws.ToString(g.AutoScalingGroupName)
			lt := "none"
			if l := g.LaunchTemplate; l != nil {
				lt = aws.ToString(l.LaunchTemplateId) + "@" + aws.ToString(l.Version)
			}
			d.add("autoscaling", "group-attributes", name, "launch-template="+lt,
				"subnets="+tfSorted(strings.Split(aws.ToString(g.VPCZoneIdentifier), ",")),
				"target-groups="+tfSorted(g.TargetGroupARNs), "health-check="+aws.ToString(g.HealthCheckType),
				fmt.Sprintf("grace=%d", aws.ToInt32(g.HealthCheckGracePeriod)), fmt.Sprintf("cooldown=%d", aws.ToInt32(g.DefaultCooldown)),
				"termination="+tfSorted(g.TerminationPolicies), "metrics="+strconv.Itoa(len(g.EnabledMetrics)))
			for _, tag := range g.Tags {
				d.add("autoscaling", "group-tag", name, aws.ToString(tag.Key)+"="+aws.ToString(tag.Value),
					"propagate="+strconv.FormatBool(aws.ToBool(tag.PropagateAtLaunch)))
			}
		}
	}
	return nil
}

func (d *tfDetailLines) loadBalancers(ctx context.Context, c *driver.Clients) error {
	lbs, err := c.ELBv2.DescribeLoadBalancers(ctx, &elbv2.DescribeLoadBalancersInput{})
	if err != nil {
		return err
	}
	for _, lb := range lbs.LoadBalancers {
		var subnets []string
		for _, z := range lb.AvailabilityZones {
			subnets = append(subnets, aws.ToString(z.SubnetId))
		}
		attrs, err := c.ELBv2.DescribeLoadBalancerAttributes(ctx, &elbv2.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lb.LoadBalancerArn})
		if err != nil {
			return err
		}
		words := []string{"elbv2", "load-balancer-attributes", aws.ToString(lb.LoadBalancerArn), "subnets=" + tfSorted(subnets),
			"security-groups=" + tfSorted(lb.SecurityGroups), "ip=" + string(lb.IpAddressType), "dns=" + aws.ToString(lb.DNSName),
			"zone=" + aws.ToString(lb.CanonicalHostedZoneId)}
		for _, a := range attrs.Attributes {
			words = append(words, "attr:"+aws.ToString(a.Key)+"="+aws.ToString(a.Value))
		}
		slices.Sort(words[8:])
		d.add(words...)
		ls, err := c.ELBv2.DescribeListeners(ctx, &elbv2.DescribeListenersInput{LoadBalancerArn: lb.LoadBalancerArn})
		if err != nil {
			return err
		}
		for _, l := range ls.Listeners {
			var actions []string
			for _, a := range l.DefaultActions {
				actions = append(actions, string(a.Type)+">"+aws.ToString(a.TargetGroupArn))
			}
			d.add("elbv2", "listener-attributes", aws.ToString(l.ListenerArn), "actions="+tfSorted(actions))
		}
	}
	tgs, err := c.ELBv2.DescribeTargetGroups(ctx, &elbv2.DescribeTargetGroupsInput{})
	if err != nil {
		return err
	}
	for _, tg := range tgs.TargetGroups {
		attrs, err := c.ELBv2.DescribeTargetGroupAttributes(ctx, &elbv2.DescribeTargetGroupAttributesInput{TargetGroupArn: tg.TargetGroupArn})
		if err != nil {
			return err
		}
		words := []string{"elbv2", "target-group-attributes", aws.ToString(tg.TargetGroupArn), "target-type=" + string(tg.TargetType),
			fmt.Sprintf("health=%s:%s:%d/%d/%d/%d", tg.HealthCheckProtocol, aws.ToString(tg.HealthCheckPort), aws.ToInt32(tg.HealthCheckIntervalSeconds),
				aws.ToInt32(tg.HealthCheckTimeoutSeconds), aws.ToInt32(tg.HealthyThresholdCount), aws.ToInt32(tg.UnhealthyThresholdCount))}
		for _, a := range attrs.Attributes {
			words = append(words, "attr:"+aws.ToString(a.Key)+"="+aws.ToString(a.Value))
		}
		slices.Sort(words[5:])
		d.add(words...)
	}
	return nil
}

// iam lists the roles' trust policies and inline policy documents,
// normalised JSON.
func (d *tfDetailLines) iam(ctx context.Context, c *driver.Clients) error {
	roles, err := c.IAM.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		return err
	}
	for _, r := range roles.Roles {
		d.add("iam", "role-trust", aws.ToString(r.RoleName), tfJSONWord(aws.ToString(r.AssumeRolePolicyDocument)),
			"description="+strconv.Quote(aws.ToString(r.Description)), fmt.Sprintf("max-session=%d", aws.ToInt32(r.MaxSessionDuration)))
		pols, err := c.IAM.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: r.RoleName})
		if err != nil {
			return err
		}
		for _, name := range pols.PolicyNames {
			p, err := c.IAM.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: r.RoleName, PolicyName: aws.String(name)})
			if err != nil {
				return err
			}
			d.add("iam", "role-policy-document", aws.ToString(r.RoleName)+"/"+name, tfJSONWord(aws.ToString(p.PolicyDocument)))
		}
	}
	profiles, err := c.IAM.ListInstanceProfiles(ctx, &iam.ListInstanceProfilesInput{})
	if err != nil {
		return err
	}
	for _, p := range profiles.InstanceProfiles {
		d.add("iam", "instance-profile-attributes", aws.ToString(p.InstanceProfileName), "path="+aws.ToString(p.Path))
	}
	return nil
}

// tfJSONWord is a policy document, URL-decoded as IAM answers it, as
// compact JSON with sorted keys.
func tfJSONWord(doc string) string {
	if d, err := url.QueryUnescape(doc); err == nil {
		doc = d
	}
	var v any
	if err := json.Unmarshal([]byte(doc), &v); err != nil {
		return "policy=" + strconv.Quote(doc)
	}
	b, _ := json.Marshal(v)
	return "policy=" + string(b)
}

func (d *tfDetailLines) zones(ctx context.Context, c *driver.Clients) error {
	zones, err := c.Route53.ListHostedZones(ctx, &route53.ListHostedZonesInput{})
	if err != nil {
		return err
	}
	for _, z := range zones.HostedZones {
		id := strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/")
		got, err := c.Route53.GetHostedZone(ctx, &route53.GetHostedZoneInput{Id: aws.String(id)})
		if err != nil {
			return err
		}
		var vpcs []string
		for _, v := range got.VPCs {
			vpcs = append(vpcs, aws.ToString(v.VPCId)+"@"+string(v.VPCRegion))
		}
		comment := ""
		if z.Config != nil {
			comment = aws.ToString(z.Config.Comment)
		}
		d.add("route53", "hosted-zone-attributes", id, "vpcs="+tfSorted(vpcs), "comment="+strconv.Quote(comment))
		recs, err := c.Route53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: aws.String(id)})
		if err != nil {
			return err
		}
		for _, r := range recs.ResourceRecordSets {
			if a := r.AliasTarget; a != nil {
				d.add("route53", "alias", id+"/"+aws.ToString(r.Name), string(r.Type), "zone="+aws.ToString(a.HostedZoneId),
					"evaluate="+strconv.FormatBool(a.EvaluateTargetHealth))
			}
		}
	}
	return nil
}
