package ec2

import (
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// ltVersion is one version of a launch template.
type ltVersion struct {
	Template    string    `json:"template"`
	Number      int64     `json:"number"`
	Description string    `json:"description,omitempty"`
	Data        ltData    `json:"data"`
	Created     time.Time `json:"created"`
	CreatedBy   string    `json:"createdBy"`
}

// maxLTVersions is EC2's quota of versions per launch template.
const maxLTVersions = 10000

func versionBucket(tx *store.Tx, sc scope) *store.Bucket { return sc.bucket(tx, "ltversions") }

func putVersion(tx *store.Tx, sc scope, v *ltVersion) error {
	return versionBucket(tx, sc).Sub(v.Template).Put(versionKey(v.Number), v)
}

func findVersion(tx *store.Tx, sc scope, template string, n int64) (*ltVersion, bool, error) {
	var v ltVersion
	ok, err := versionBucket(tx, sc).Sub(template).Get(versionKey(n), &v)
	if err != nil || !ok {
		return nil, false, err
	}
	return &v, true, nil
}

// eachVersion calls fn for the versions of template from number after on.
func eachVersion(tx *store.Tx, sc scope, template string, after int64, fn func(*ltVersion) (bool, error)) error {
	start := ""
	if after > 0 {
		start = versionKey(after)
	}
	return versionBucket(tx, sc).Sub(template).Scan("", start, func(k string, raw []byte) (bool, error) {
		var v ltVersion
		if err := json.Unmarshal(raw, &v); err != nil {
			return false, fmt.Errorf("ec2: decode launch template version %s/%s: %w", template, k, err)
		}
		return fn(&v)
	})
}

type ltVersionXML struct {
	TemplateID   string `xml:"launchTemplateId"`
	TemplateName string `xml:"launchTemplateName"`
	Number       int64  `xml:"versionNumber"`
	Description  string `xml:"versionDescription,omitempty"`
	Created      string `xml:"createTime"`
	CreatedBy    string `xml:"createdBy"`
	Default      bool   `xml:"defaultVersion"`
	Data         ltData `xml:"launchTemplateData"`
}

func (v *ltVersion) xml(t *launchTemplate) ltVersionXML {
	return ltVersionXML{t.ID, t.Name, v.Number, v.Description, timestamp(v.Created), v.CreatedBy, v.Number == t.Default, v.Data}
}

func (s *Service) createLaunchTemplateVersion(r *awsapi.Request, p awsapi.Params) (any, error) {
	data, err := parseLTData(p)
	if err != nil {
		return nil, err
	}
	desc := p.Get("VersionDescription")
	if len(desc) > 255 {
		return nil, invalidParameterValue("Value (%s) for parameter versionDescription is invalid. Length exceeds maximum of 255.", desc)
	}
	var (
		t *launchTemplate
		v *ltVersion
	)
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		var err error
		if t, err = targetLT(tx, sc, p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName")); err != nil {
			return err
		}
		if src := p.Get("SourceVersion"); src != "" {
			n, err := resolveVersion(t, src)
			if err != nil {
				return err
			}
			sv, ok, err := findVersion(tx, sc, t.ID, n)
			if err != nil {
				return err
			}
			if !ok {
				return versionNotFound(t, n)
			}
			data = sv.Data.overlay(data)
		}
		if _, err := parseLaunchSpec(data.params()); err != nil {
			return err
		}
		if t.Latest >= maxLTVersions {
			return awsapi.BadRequest("VersionLimitExceeded", "You've reached the maximum number of versions (%d) for this launch template.", maxLTVersions)
		}
		t.Latest = t.nextVersion()
		createdBy := r.Caller.ARN
		if createdBy == "" {
			createdBy = t.CreatedBy
		}
		v = &ltVersion{Template: t.ID, Number: t.Latest, Description: desc, Data: data, Created: sc.now, CreatedBy: createdBy}
		if err := putVersion(tx, sc, v); err != nil {
			return err
		}
		return launchTemplates.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Version ltVersionXML `xml:"launchTemplateVersion"`
	}{v.xml(t)}, nil
}

// ltVersionFilters filter versions by their data.
var ltVersionFilters = filterSpec[ltVersionXML]{
	"create-time":   func(v ltVersionXML) []string { return one(v.Created) },
	"ebs-optimized": func(v ltVersionXML) []string { return one(v.Data["EbsOptimized"]) },
	"iam-instance-profile": func(v ltVersionXML) []string {
		return append(one(v.Data["IamInstanceProfile.Arn"]), one(v.Data["IamInstanceProfile.Name"])...)
	},
	"image-id":           func(v ltVersionXML) []string { return one(v.Data["ImageId"]) },
	"instance-type":      func(v ltVersionXML) []string { return one(v.Data["InstanceType"]) },
	"is-default-version": func(v ltVersionXML) []string { return boolStr(v.Default) },
	"kernel-id":          func(v ltVersionXML) []string { return one(v.Data["KernelId"]) },
	"ram-disk-id":        func(v ltVersionXML) []string { return one(v.Data["RamDiskId"]) },
}

func (s *Service) describeLaunchTemplateVersions(r *awsapi.Request, p awsapi.Params) (any, error) {
	pg, err := parsePage(p, pageLimits{min: 1, max: 200}, nil)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, ltVersionFilters, nil)
	if err != nil {
		return nil, err
	}
	var minV, maxV int64
	for _, b := range []struct {
		name string
		dst  *int64
	}{{"MinVersion", &minV}, {"MaxVersion", &maxV}} {
		if v := p.Get(b.name); v != "" {
			if *b.dst, err = strconv.ParseInt(v, 10, 64); err != nil || *b.dst < 1 {
				return nil, invalidParameterValue("Value (%s) for parameter %s is invalid.", v, lowerFirst(b.name))
			}
		}
	}
	wanted := p.List("LaunchTemplateVersion")
	var out []ltVersionXML
	next := ""
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		var templates []*launchTemplate
		id, name := p.Get("LaunchTemplateId"), p.Get("LaunchTemplateName")
		if id == "" && name == "" {
			for _, w := range wanted {
				if w != "$Latest" && w != "$Default" {
					return invalidParameterCombination("When you don't specify a launch template ID or name, you can only describe the $Latest or $Default versions.")
				}
			}
			all, err := launchTemplates.all(tx, sc, nil)
			if err != nil {
				return err
			}
			templates = all
		} else {
			t, err := targetLT(tx, sc, id, name)
			if err != nil {
				return err
			}
			templates = []*launchTemplate{t}
		}
		var all []ltVersionXML
		for _, t := range templates {
			found, err := versionsOf(tx, sc, t, wanted, minV, maxV)
			if err != nil {
				return err
			}
			for _, v := range found {
				x := v.xml(t)
				if (match == nil || match(x)) && pageKey(x) > pg.after {
					all = append(all, x)
				}
			}
		}
		out, next, err = pageOf(all, pg, pageKey)
		return err
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Versions  items[ltVersionXML] `xml:"launchTemplateVersionSet"`
		NextToken string              `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}

func pageKey(x ltVersionXML) string { return x.TemplateID + "/" + versionKey(x.Number) }

// versionsOf are the versions of t named by wanted (all when none),
// within [minV, maxV] (0: unbounded), in number order.
func versionsOf(tx *store.Tx, sc scope, t *launchTemplate, wanted []string, minV, maxV int64) ([]*ltVersion, error) {
	if len(wanted) > 0 {
		var out []*ltVersion
		seen := map[int64]bool{}
		for _, w := range wanted {
			n, err := resolveVersion(t, w)
			if err != nil {
				return nil, err
			}
			v, ok, err := findVersion(tx, sc, t.ID, n)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, versionNotFound(t, n)
			}
			if !seen[n] {
				seen[n] = true
				out = append(out, v)
			}
		}
		sortVersions(out)
		return out, nil
	}
	var out []*ltVersion
	err := eachVersion(tx, sc, t.ID, minV-1, func(v *ltVersion) (bool, error) {
		if maxV > 0 && v.Number > maxV {
			return false, nil
		}
		out = append(out, v)
		return true, nil
	})
	return out, err
}

func sortVersions(vs []*ltVersion) {
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && vs[j].Number < vs[j-1].Number; j-- {
			vs[j], vs[j-1] = vs[j-1], vs[j]
		}
	}
}
