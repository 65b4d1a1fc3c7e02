package ec2

import (
	"net/netip"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type dhcpOptions struct {
	base
	OwnerID string       `json:"owner"`
	Configs []dhcpConfig `json:"configs"`
}

type dhcpConfig struct {
	Key    string   `json:"k"`
	Values []string `json:"v"`
}

var dhcpOptionSets = &table[dhcpOptions, *dhcpOptions]{
	kind: "dhcpoptions", prefix: "dopt", resourceType: "dhcp-options", noun: "dhcpOption",
	notFoundCode: "InvalidDhcpOptionID.NotFound", malformedCode: "InvalidDhcpOptionsId.Malformed",
}

const metaKind = "meta"

// defaultDhcpOptions returns the set a new VPC starts with: the region's
// AmazonProvidedDNS set, made on first use.
func (s *Service) defaultDhcpOptions(tx *store.Tx, sc scope) (string, error) {
	meta := sc.bucket(tx, metaKind)
	var id string
	if ok, err := meta.Get("default-dopt", &id); err != nil {
		return "", err
	} else if ok {
		if _, exists, err := dhcpOptionSets.find(tx, sc, id); err != nil || exists {
			return id, err
		}
	}
	domain := sc.region + ".compute.internal"
	if sc.region == "us-east-1" {
		domain = "ec2.internal"
	}
	d := &dhcpOptions{
		base:    base{ID: s.newID("dopt")},
		OwnerID: sc.account,
		Configs: []dhcpConfig{{"domain-name", []string{domain}}, {"domain-name-servers", []string{"AmazonProvidedDNS"}}},
	}
	if err := dhcpOptionSets.put(tx, sc, d); err != nil {
		return "", err
	}
	return d.ID, meta.Put("default-dopt", d.ID)
}

// ensureDefaultDhcpOptions makes the region's default set if it was
// never made: on AWS it exists before the first VPC, so listing the sets
// of a new account shows it.
func (s *Service) ensureDefaultDhcpOptions(r *awsapi.Request) error {
	made := false
	if err := s.view(r, func(tx *store.Tx, sc scope) error {
		var id string
		ok, err := sc.bucket(tx, metaKind).Get("default-dopt", &id)
		made = ok
		return err
	}); err != nil || made {
		return err
	}
	return s.update(r, func(tx *store.Tx, sc scope) error {
		_, err := s.defaultDhcpOptions(tx, sc)
		return err
	})
}

type dhcpOptionsXML struct {
	ID      string               `xml:"dhcpOptionsId"`
	OwnerID string               `xml:"ownerId"`
	Configs items[dhcpConfigXML] `xml:"dhcpConfigurationSet"`
	Tags    tagsXML              `xml:"tagSet"`
}

type dhcpConfigXML struct {
	Key    string           `xml:"key"`
	Values items[valueItem] `xml:"valueSet"`
}

func (d *dhcpOptions) xml() dhcpOptionsXML {
	cs := make([]dhcpConfigXML, len(d.Configs))
	for i, c := range d.Configs {
		vs := make([]valueItem, len(c.Values))
		for j, v := range c.Values {
			vs[j] = valueItem{v}
		}
		cs[i] = dhcpConfigXML{Key: c.Key, Values: itemsOf(vs)}
	}
	return dhcpOptionsXML{ID: d.ID, OwnerID: d.OwnerID, Configs: itemsOf(cs), Tags: tagSet(d.Tags)}
}

func validDhcpValue(key, v string) bool {
	switch key {
	case "domain-name-servers":
		if v == "AmazonProvidedDNS" {
			return true
		}
		fallthrough
	case "ntp-servers", "netbios-name-servers":
		a, err := netip.ParseAddr(v)
		return err == nil && a.Is4()
	case "netbios-node-type":
		return v == "1" || v == "2" || v == "4" || v == "8"
	case "ipv6-address-preferred-lease-time":
		n, ok := atoi(v)
		return ok && n >= 140 && n <= 2147483647
	}
	return v != ""
}

func parseDhcpConfigs(p awsapi.Params) ([]dhcpConfig, error) {
	var out []dhcpConfig
	for _, c := range p.Structs("DhcpConfiguration") {
		key := c.Get("Key")
		switch key {
		case "domain-name", "domain-name-servers", "ntp-servers", "netbios-name-servers", "netbios-node-type", "ipv6-address-preferred-lease-time":
		default:
			return nil, invalidParameterValue("Value (%s) for parameter name is invalid. Unknown DHCP option", key)
		}
		vals := c.List("Value")
		if len(vals) == 0 {
			return nil, invalidParameterValue("Value for parameter %s is invalid. A value is required.", key)
		}
		if len(vals) > 4 {
			return nil, invalidParameterValue("Value for parameter %s is invalid. Too many values: at most 4.", key)
		}
		for _, v := range vals {
			if !validDhcpValue(key, v) {
				return nil, invalidParameterValue("Value (%s) for parameter %s is invalid.", v, key)
			}
		}
		out = append(out, dhcpConfig{Key: key, Values: vals})
	}
	if len(out) == 0 {
		return nil, missingParameter("DhcpConfiguration")
	}
	return out, nil
}

func (s *Service) createDhcpOptions(r *awsapi.Request, p awsapi.Params) (any, error) {
	configs, err := parseDhcpConfigs(p)
	if err != nil {
		return nil, err
	}
	tags, err := tagSpecs(p, "dhcp-options")
	if err != nil {
		return nil, err
	}
	d := &dhcpOptions{base: base{Tags: tags}, Configs: configs}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		d.ID, d.OwnerID = s.newID("dopt"), sc.account
		return dhcpOptionSets.put(tx, sc, d)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		DhcpOptions dhcpOptionsXML `xml:"dhcpOptions"`
	}{d.xml()}, nil
}

func (s *Service) associateDhcpOptions(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "DhcpOptionsId")
	if err != nil {
		return nil, err
	}
	vpcID, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		if id != "default" {
			if _, err := dhcpOptionSets.get(tx, sc, id); err != nil {
				return err
			}
		}
		v, err := vpcs.get(tx, sc, vpcID)
		if err != nil {
			return err
		}
		v.DhcpOptionsID = id
		return vpcs.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

func (s *Service) deleteDhcpOptions(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "DhcpOptionsId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		if _, err := dhcpOptionSets.get(tx, sc, id); err != nil {
			return err
		}
		used, err := vpcs.any(tx, sc, func(v *vpc) bool { return v.DhcpOptionsID == id })
		if err != nil {
			return err
		}
		if used {
			return dependencyViolation("dhcpOptions", id)
		}
		return dhcpOptionSets.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

var dhcpFilters = filterSpec[*dhcpOptions]{
	"dhcp-options-id": func(d *dhcpOptions) []string { return one(d.ID) },
	"owner-id":        func(d *dhcpOptions) []string { return one(d.OwnerID) },
	"key": func(d *dhcpOptions) []string {
		var out []string
		for _, c := range d.Configs {
			out = append(out, c.Key)
		}
		return out
	},
	"value": func(d *dhcpOptions) []string {
		var out []string
		for _, c := range d.Configs {
			out = append(out, c.Values...)
		}
		return out
	},
}

func (s *Service) describeDhcpOptions(r *awsapi.Request, p awsapi.Params) (any, error) {
	if err := s.ensureDefaultDhcpOptions(r); err != nil {
		return nil, err
	}
	ids := p.List("DhcpOptionsId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, dhcpFilters, recordTags[*dhcpOptions])
	if err != nil {
		return nil, err
	}
	var (
		found []*dhcpOptions
		next  string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, next, err = dhcpOptionSets.describe(tx, sc, ids, match, pg)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]dhcpOptionsXML, len(found))
	for i, d := range found {
		out[i] = d.xml()
	}
	return struct {
		Sets      items[dhcpOptionsXML] `xml:"dhcpOptionsSet"`
		NextToken string                `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
