package aws

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
)

// The Terraform blocks of IAM, the SSH key, the instance groups, the etcd
// volumes, the API load balancer and DNS.

func (w *tfWriter) renderCompute(t task) error {
	switch t := t.(type) {
	case *iamRoleTask:
		policy, err := tfJSON(t.AssumeRolePolicy)
		if err != nil {
			return err
		}
		b := w.block(t)
		b.SetAttributeRaw("name", tfString(t.Name))
		b.SetAttributeRaw("assume_role_policy", policy)
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *iamRolePolicyTask:
		policy, err := tfJSON(t.PolicyDocument)
		if err != nil {
			return err
		}
		b := w.block(t)
		b.SetAttributeRaw("name", tfString(t.Name))
		b.SetAttributeRaw("role", w.ref(t.Role, "name"))
		b.SetAttributeRaw("policy", policy)
	case *iamInstanceProfileTask:
		b := w.block(t)
		b.SetAttributeRaw("name", tfString(t.Name))
		if r := w.roles[t]; r != nil {
			b.SetAttributeRaw("role", w.ref(r, "name"))
		}
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *iamInstanceProfileRoleTask:
		// The role attribute of the profile.
	case *sshKeyTask:
		b := w.block(t)
		b.SetAttributeRaw("key_name", tfString(t.Name))
		b.SetAttributeRaw("public_key", tfString(strings.TrimSpace(string(t.PublicKey))))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *launchTemplateTask:
		return w.launchTemplate(t)
	case *autoscalingGroupTask:
		w.autoscalingGroup(t)
	case *ebsVolumeTask:
		b := w.block(t)
		b.SetAttributeRaw("availability_zone", tfString(t.Zone))
		b.SetAttributeRaw("size", tfInt(int64(t.SizeGiB)))
		b.SetAttributeRaw("type", tfString(t.VolumeType))
		b.SetAttributeRaw("encrypted", tfBool(t.Encrypted))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *nlbTask:
		b := w.block(t)
		b.SetAttributeRaw("name", tfString(t.AWSName))
		b.SetAttributeRaw("load_balancer_type", tfString("network"))
		b.SetAttributeRaw("internal", tfBool(t.Internal))
		b.SetAttributeRaw("subnets", refs(w, sortByName(t.Subnets), "id"))
		b.SetAttributeRaw("security_groups", refs(w, sortByName(t.SecurityGroups), "id"))
		b.SetAttributeRaw("enable_cross_zone_load_balancing", tfBool(true))
		b.SetAttributeRaw("tags", tfMap(t.Tags))
	case *targetGroupTask:
		w.targetGroup(t)
	case *listenerTask:
		b := w.block(t)
		b.SetAttributeRaw("load_balancer_arn", w.ref(t.LB, "arn"))
		b.SetAttributeRaw("port", tfInt(int64(t.Port)))
		b.SetAttributeRaw("protocol", tfString(t.Protocol))
		a := b.AppendNewBlock("default_action", nil).Body()
		a.SetAttributeRaw("type", tfString("forward"))
		a.SetAttributeRaw("target_group_arn", w.ref(t.TargetGroup, "arn"))
	case *dnsZoneTask:
		w.dnsZone(t)
	case *dnsNameTask:
		b := w.block(t)
		b.SetAttributeRaw("zone_id", w.ref(t.Zone, "zone_id"))
		b.SetAttributeRaw("name", tfString(t.Name))
		b.SetAttributeRaw("type", tfString(t.Type))
		a := b.AppendNewBlock("alias", nil).Body()
		a.SetAttributeRaw("name", w.ref(t.Target, "dns_name"))
		a.SetAttributeRaw("zone_id", w.ref(t.Target, "zone_id"))
		a.SetAttributeRaw("evaluate_target_health", tfBool(false))
	default:
		_, _, err := tfTypeOf(t)
		return err
	}
	return nil
}

func (w *tfWriter) targetGroup(t *targetGroupTask) {
	b := w.block(t)
	b.SetAttributeRaw("name", tfString(t.AWSName))
	b.SetAttributeRaw("port", tfInt(int64(t.Port)))
	b.SetAttributeRaw("protocol", tfString(t.Protocol))
	b.SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
	b.SetAttributeRaw("target_type", tfString("instance"))
	hc := b.AppendNewBlock("health_check", nil).Body()
	hc.SetAttributeRaw("protocol", tfString(apiHealthCheck.Protocol))
	hc.SetAttributeRaw("interval", tfInt(int64(apiHealthCheck.Interval)))
	hc.SetAttributeRaw("healthy_threshold", tfInt(int64(apiHealthCheck.Healthy)))
	hc.SetAttributeRaw("unhealthy_threshold", tfInt(int64(apiHealthCheck.Unhealthy)))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
}

// dnsZone is a data source for a public zone (the user's, which must
// exist) and a zone of the VPC for a private one. The driver would use a
// private zone of the name that exists already; Terraform makes its own.
func (w *tfWriter) dnsZone(t *dnsZoneTask) {
	b := w.block(t)
	b.SetAttributeRaw("name", tfString(t.Name))
	if !t.Private {
		b.SetAttributeRaw("private_zone", tfBool(false))
		return
	}
	b.SetAttributeRaw("comment", tfString("cluster "+t.Cluster))
	b.AppendNewBlock("vpc", nil).Body().SetAttributeRaw("vpc_id", w.ref(t.VPC, "id"))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
}

// launchTemplate is the template as the driver makes it, its image and
// root device from an aws_ami data source.
func (w *tfWriter) launchTemplate(t *launchTemplateTask) error {
	ami, err := w.ami(t.Image)
	if err != nil {
		return err
	}
	userData, err := w.userData(t)
	if err != nil {
		return err
	}
	b := w.block(t)
	b.SetAttributeRaw("name", tfString(t.Name))
	if strings.HasPrefix(t.Image, "ami-") {
		b.SetAttributeRaw("image_id", tfString(t.Image))
	} else {
		b.SetAttributeRaw("image_id", ami.attr("id"))
	}
	b.SetAttributeRaw("instance_type", tfString(t.InstanceType))

	bd := b.AppendNewBlock("block_device_mappings", nil).Body()
	bd.SetAttributeRaw("device_name", ami.attr("root_device_name"))
	ebs := bd.AppendNewBlock("ebs", nil).Body()
	ebs.SetAttributeRaw("volume_size", tfInt(int64(t.RootVolumeSize)))
	ebs.SetAttributeRaw("volume_type", tfString(t.RootVolumeType))
	ebs.SetAttributeRaw("encrypted", tfBool(t.RootVolumeEncrypted))
	ebs.SetAttributeRaw("delete_on_termination", tfBool(true))

	groups := refs(w, t.SecurityGroups, "id")
	if t.AssociatePublicIP {
		ni := b.AppendNewBlock("network_interfaces", nil).Body()
		ni.SetAttributeRaw("device_index", tfInt(0))
		ni.SetAttributeRaw("associate_public_ip_address", tfBool(true))
		ni.SetAttributeRaw("delete_on_termination", tfBool(true))
		ni.SetAttributeRaw("security_groups", groups)
	} else {
		b.SetAttributeRaw("vpc_security_group_ids", groups)
	}
	if t.InstanceProfile != nil {
		b.AppendNewBlock("iam_instance_profile", nil).Body().SetAttributeRaw("name", w.ref(t.InstanceProfile, "name"))
	}
	switch {
	case t.SSHKey != nil:
		b.SetAttributeRaw("key_name", w.ref(t.SSHKey, "key_name"))
	case t.KeyName != "":
		b.SetAttributeRaw("key_name", tfString(t.KeyName))
	}
	md := b.AppendNewBlock("metadata_options", nil).Body()
	md.SetAttributeRaw("http_endpoint", tfString("enabled"))
	md.SetAttributeRaw("http_tokens", tfString(ltHTTPTokens))
	md.SetAttributeRaw("http_put_response_hop_limit", tfInt(ltHopLimit))
	if len(t.InstanceTags) > 0 {
		for _, rt := range []string{"instance", "volume"} {
			ts := b.AppendNewBlock("tag_specifications", nil).Body()
			ts.SetAttributeRaw("resource_type", tfString(rt))
			ts.SetAttributeRaw("tags", tfMap(t.InstanceTags))
		}
	}
	if userData != nil {
		b.SetAttributeRaw("user_data", userData)
	}
	// The groups launch the latest version; make it the default too, as
	// the driver does.
	b.SetAttributeRaw("update_default_version", tfBool(true))
	b.SetAttributeRaw("tags", tfMap(t.Tags))
	return nil
}

// ami is the aws_ami data source of an image, made on first use: by ID
// for "ami-…", else the newest image of the owner with the name (which may
// hold wildcards), as the driver resolves it.
func (w *tfWriter) ami(image string) (tfAddr, error) {
	if a, ok := w.amis[image]; ok {
		return a, nil
	}
	owner, name, filter := "", "", "image-id"
	if strings.HasPrefix(image, "ami-") {
		name = image
	} else {
		var ok bool
		owner, name, ok = strings.Cut(image, "/")
		if !ok || owner == "" || name == "" {
			return tfAddr{}, fmt.Errorf("image %q: expected an AMI ID (ami-…) or OWNER/NAME", image)
		}
		filter = "name"
	}
	base := strings.Trim(tfSanitize(name[strings.LastIndex(name, "/")+1:]), "-")
	if base == "" || base == "_" {
		base = "image"
	}
	a := tfAddr{data: true, typ: "aws_ami", name: base}
	for i := 2; slices.Contains(slices.Collect(maps.Values(w.amis)), a); i++ {
		a.name = fmt.Sprintf("%s-%d", base, i)
	}
	w.amis[image] = a
	b := w.newBlock(a)
	if owner != "" {
		b.SetAttributeRaw("most_recent", tfBool(true))
		b.SetAttributeRaw("owners", tfStrings([]string{owner}))
	}
	f := b.AppendNewBlock("filter", nil).Body()
	f.SetAttributeRaw("name", tfString(filter))
	f.SetAttributeRaw("values", tfStrings([]string{name}))
	return a, nil
}

// userData writes the template's user data to data/ and returns the
// user_data expression that reads it: filebase64() of the file, or when
// the API endpoint is the load balancer's DNS name, the file rendered
// for a placeholder that Terraform replaces with the name. Either is
// marked sensitive(), so that plans do not print the cluster's secrets.
// nil: no user data.
func (w *tfWriter) userData(t *launchTemplateTask) (hclwrite.Tokens, error) {
	expr, err := w.userDataExpr(t)
	if expr == nil || err != nil {
		return nil, err
	}
	return tfCall("sensitive", expr), nil
}

func (w *tfWriter) userDataExpr(t *launchTemplateTask) (hclwrite.Tokens, error) {
	if t.UserData == nil {
		return nil, nil
	}
	if !tfSafePath(t.Name) {
		return nil, fmt.Errorf("the launch template's name is not usable in a file name")
	}
	rel := "data/aws_launch_template_" + t.Name + "_user_data"
	endpoint := t.APIEndpoint
	lbName := endpoint == "" && t.LB != nil
	if lbName {
		endpoint = tfAPIEndpointPlaceholder
	}
	data, err := t.UserData(endpoint)
	if err != nil {
		return nil, fmt.Errorf("render user data: %w", err)
	}
	if len(data) == 0 {
		return nil, nil
	}
	w.files = append(w.files, tfFile{path: rel, data: data, mode: 0o600})
	if !lbName {
		return tfCall("filebase64", tfModulePath(rel)), nil
	}
	if !strings.Contains(string(data), tfAPIEndpointPlaceholder) {
		// The endpoint is not in the user data as text: either it is not
		// used at all, or it is encoded and Terraform cannot put it in.
		other, err := t.UserData("drydock-api-endpoint-2.invalid")
		if err != nil {
			return nil, fmt.Errorf("render user data: %w", err)
		}
		if string(other) != string(data) {
			return nil, fmt.Errorf("the user data holds the API endpoint in a form Terraform cannot fill in with the load balancer's DNS name; give the API a DNS name (spec.topology.dns private or public)")
		}
		return tfCall("filebase64", tfModulePath(rel)), nil
	}
	return tfCall("base64encode", tfCall("replace", tfCall("file", tfModulePath(rel)),
		tfString(tfAPIEndpointPlaceholder), w.ref(t.LB, "dns_name"))), nil
}

// autoscalingGroup is the group launching the template's latest version,
// its tags propagated to its instances.
func (w *tfWriter) autoscalingGroup(t *autoscalingGroupTask) {
	b := w.block(t)
	b.SetAttributeRaw("name", tfString(t.Name))
	lt := b.AppendNewBlock("launch_template", nil).Body()
	lt.SetAttributeRaw("id", w.ref(t.Template, "id"))
	lt.SetAttributeRaw("version", w.ref(t.Template, "latest_version"))
	b.SetAttributeRaw("min_size", tfInt(int64(t.MinSize)))
	b.SetAttributeRaw("max_size", tfInt(int64(t.MaxSize)))
	// AWS's default, which the driver gets; the provider's is 300.
	b.SetAttributeRaw("health_check_grace_period", tfInt(0))
	b.SetAttributeRaw("vpc_zone_identifier", refs(w, t.Subnets, "id"))
	if len(t.TargetGroups) > 0 {
		b.SetAttributeRaw("target_group_arns", refs(w, t.TargetGroups, "arn"))
	}
	for _, k := range slices.Sorted(maps.Keys(t.Tags)) {
		tag := b.AppendNewBlock("tag", nil).Body()
		tag.SetAttributeRaw("key", tfString(k))
		tag.SetAttributeRaw("value", tfString(t.Tags[k]))
		tag.SetAttributeRaw("propagate_at_launch", tfBool(true))
	}
}
