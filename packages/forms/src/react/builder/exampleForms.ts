/**
 * Copies of one example form from each process in `examples/` (A 村委换届 `plan`, B 矛盾纠纷调解
 * `BF1`, C 应急动员 `household_check`), for the stories only. They are copied because the react
 * build (rootDir `src`) cannot import JSON from `examples/`; the browser tests open the originals.
 */

/** Example form A — village election, the election plan (村委换届 `plan`). */
export const EXAMPLE_FORM_A: { readonly title: { readonly 'zh-CN': string; readonly en: string }; readonly schema: Record<string, unknown> } = {
  "title": {
    "zh-CN": "A-F1 换届工作方案/日程",
    "en": "A-F1 campaign plan"
  },
  "schema": {
    "type": "object",
    "properties": {
      "village_code": {
        "type": "string",
        "title": "村（社区）统计用区划代码",
        "pattern": "^\\d{12}$"
      },
      "term_no": {
        "type": "integer",
        "title": "届次",
        "minimum": 1
      },
      "electorate_mode": {
        "type": "string",
        "title": "选举方式",
        "oneOf": [
          {
            "const": "全体选民",
            "title": "全体选民"
          },
          {
            "const": "户代表",
            "title": "户代表（仅社区）"
          },
          {
            "const": "居民小组代表",
            "title": "居民小组代表（仅社区）"
          }
        ]
      },
      "vc_seats": {
        "type": "object",
        "title": "村委会职数",
        "properties": {
          "主任": {
            "type": "integer",
            "title": "主任",
            "minimum": 1,
            "maximum": 1
          },
          "副主任": {
            "type": "integer",
            "title": "副主任",
            "minimum": 0
          },
          "委员": {
            "type": "integer",
            "title": "委员",
            "minimum": 0
          }
        },
        "required": [
          "主任",
          "副主任",
          "委员"
        ]
      },
      "party_committee_seats": {
        "type": "object",
        "title": "村党组织委员职数",
        "properties": {
          "委员": {
            "type": "integer",
            "title": "委员",
            "minimum": 1
          }
        },
        "required": [
          "委员"
        ]
      },
      "election_date": {
        "type": "string",
        "title": "选举日（E）",
        "format": "date"
      },
      "order_of_elections": {
        "type": "string",
        "title": "换届顺序",
        "enum": [
          "党组织先行",
          "村委会先行",
          "同步"
        ]
      },
      "audit_published_on": {
        "type": "string",
        "title": "离任经济责任审计结果公布日期",
        "format": "date"
      },
      "leading_group": {
        "type": "array",
        "title": "领导小组成员",
        "items": {
          "type": "object",
          "title": "成员",
          "properties": {
            "name": {
              "type": "string",
              "title": "姓名",
              "minLength": 1
            },
            "post": {
              "type": "string",
              "title": "职务",
              "minLength": 1
            },
            "phone": {
              "type": "string",
              "title": "电话",
              "format": "cn-phone"
            }
          },
          "required": [
            "name",
            "post",
            "phone"
          ]
        },
        "minItems": 3
      },
      "guide_cadres": {
        "type": "array",
        "title": "包村指导干部",
        "items": {
          "type": "string",
          "title": "用户",
          "minLength": 1
        },
        "minItems": 1
      },
      "plan_doc": {
        "type": "string",
        "title": "方案附件",
        "minLength": 1,
        "description": "file reference (application/pdf)"
      }
    },
    "required": [
      "village_code",
      "term_no",
      "electorate_mode",
      "vc_seats",
      "party_committee_seats",
      "election_date",
      "order_of_elections",
      "audit_published_on",
      "leading_group",
      "guide_cadres",
      "plan_doc"
    ]
  }
};

/** Example form B — dispute mediation, the application (矛盾纠纷调解 `BF1`). */
export const EXAMPLE_FORM_B: { readonly title: { readonly 'zh-CN': string; readonly en: string }; readonly schema: Record<string, unknown> } = {
  "title": {
    "zh-CN": "B-F1 人民调解申请书/受理登记表",
    "en": "B-F1 mediation application / intake register"
  },
  "schema": {
    "type": "object",
    "properties": {
      "source": {
        "type": "string",
        "title": "案件来源",
        "enum": [
          "当事人申请",
          "调委会主动调解",
          "网格员上报",
          "公安移交",
          "法院委派/委托",
          "信访转办",
          "12345转办",
          "其他部门移交"
        ]
      },
      "grid_event_ref": {
        "type": "string",
        "title": "网格事件编号",
        "minLength": 1
      },
      "applicants": {
        "type": "array",
        "title": "申请人",
        "items": {
          "type": "object",
          "title": "当事人",
          "properties": {
            "kind": {
              "type": "string",
              "title": "当事人类别",
              "enum": [
                "P",
                "U"
              ]
            },
            "ref": {
              "type": "string",
              "title": "当事人编号",
              "minLength": 1,
              "maxLength": 20
            },
            "name": {
              "type": "string",
              "title": "姓名",
              "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
            },
            "id_type": {
              "type": "string",
              "title": "证件类型",
              "enum": [
                "居民身份证",
                "港澳台居民居住证",
                "护照",
                "其他"
              ]
            },
            "id_no": {
              "type": "string",
              "title": "证件号码",
              "minLength": 1,
              "maxLength": 30
            },
            "ethnicity": {
              "type": "string",
              "title": "民族",
              "enum": [
                "汉族",
                "蒙古族",
                "回族",
                "藏族",
                "维吾尔族",
                "苗族",
                "彝族",
                "壮族",
                "布依族",
                "朝鲜族",
                "满族",
                "侗族",
                "瑶族",
                "白族",
                "土家族",
                "哈尼族",
                "哈萨克族",
                "傣族",
                "黎族",
                "其他"
              ]
            },
            "occupation": {
              "type": "string",
              "title": "职业",
              "maxLength": 50
            },
            "org_name": {
              "type": "string",
              "title": "单位名称",
              "minLength": 1,
              "maxLength": 100
            },
            "uscc": {
              "type": "string",
              "title": "统一社会信用代码",
              "format": "cn-uscc"
            },
            "legal_rep": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string",
                  "title": "姓名",
                  "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
                },
                "post": {
                  "type": "string",
                  "title": "职务",
                  "minLength": 1,
                  "maxLength": 30
                }
              },
              "required": [
                "name",
                "post"
              ],
              "additionalProperties": false,
              "title": "法定代表人/负责人"
            },
            "address": {
              "type": "string",
              "title": "住址/地址",
              "minLength": 1,
              "maxLength": 200
            },
            "phone": {
              "type": "string",
              "title": "联系电话",
              "format": "cn-phone"
            },
            "agent": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string",
                  "title": "姓名",
                  "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
                },
                "id_no": {
                  "type": "string",
                  "title": "身份证号",
                  "format": "cn-id-card"
                },
                "relation": {
                  "type": "string",
                  "title": "与当事人关系",
                  "maxLength": 30
                },
                "authority_doc": {
                  "type": "string",
                  "title": "授权委托书（文件）",
                  "minLength": 1
                }
              },
              "required": [
                "name",
                "authority_doc"
              ],
              "additionalProperties": false,
              "title": "代理人/委托代表"
            }
          },
          "required": [
            "kind",
            "ref",
            "address",
            "phone"
          ],
          "additionalProperties": false,
          "allOf": [
            {
              "if": {
                "type": "object",
                "properties": {
                  "kind": {
                    "const": "P"
                  }
                }
              },
              "then": {
                "type": "object",
                "required": [
                  "name",
                  "id_type",
                  "id_no",
                  "ethnicity"
                ]
              },
              "else": {
                "type": "object",
                "required": [
                  "org_name",
                  "uscc",
                  "legal_rep",
                  "agent"
                ]
              }
            },
            {
              "if": {
                "type": "object",
                "properties": {
                  "id_type": {
                    "const": "居民身份证"
                  }
                },
                "required": [
                  "id_type"
                ]
              },
              "then": {
                "type": "object",
                "properties": {
                  "id_no": {
                    "type": "string",
                    "format": "cn-id-card"
                  }
                }
              }
            }
          ]
        },
        "minItems": 1
      },
      "respondents": {
        "type": "array",
        "title": "被申请人",
        "items": {
          "type": "object",
          "title": "当事人",
          "properties": {
            "kind": {
              "type": "string",
              "title": "当事人类别",
              "enum": [
                "P",
                "U"
              ]
            },
            "ref": {
              "type": "string",
              "title": "当事人编号",
              "minLength": 1,
              "maxLength": 20
            },
            "name": {
              "type": "string",
              "title": "姓名",
              "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
            },
            "id_type": {
              "type": "string",
              "title": "证件类型",
              "enum": [
                "居民身份证",
                "港澳台居民居住证",
                "护照",
                "其他"
              ]
            },
            "id_no": {
              "type": "string",
              "title": "证件号码",
              "minLength": 1,
              "maxLength": 30
            },
            "ethnicity": {
              "type": "string",
              "title": "民族",
              "enum": [
                "汉族",
                "蒙古族",
                "回族",
                "藏族",
                "维吾尔族",
                "苗族",
                "彝族",
                "壮族",
                "布依族",
                "朝鲜族",
                "满族",
                "侗族",
                "瑶族",
                "白族",
                "土家族",
                "哈尼族",
                "哈萨克族",
                "傣族",
                "黎族",
                "其他"
              ]
            },
            "occupation": {
              "type": "string",
              "title": "职业",
              "maxLength": 50
            },
            "org_name": {
              "type": "string",
              "title": "单位名称",
              "minLength": 1,
              "maxLength": 100
            },
            "uscc": {
              "type": "string",
              "title": "统一社会信用代码",
              "format": "cn-uscc"
            },
            "legal_rep": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string",
                  "title": "姓名",
                  "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
                },
                "post": {
                  "type": "string",
                  "title": "职务",
                  "minLength": 1,
                  "maxLength": 30
                }
              },
              "required": [
                "name",
                "post"
              ],
              "additionalProperties": false,
              "title": "法定代表人/负责人"
            },
            "address": {
              "type": "string",
              "title": "住址/地址",
              "minLength": 1,
              "maxLength": 200
            },
            "phone": {
              "type": "string",
              "title": "联系电话",
              "format": "cn-phone"
            },
            "agent": {
              "type": "object",
              "properties": {
                "name": {
                  "type": "string",
                  "title": "姓名",
                  "pattern": "^[\\u3400-\\u9fff·A-Za-z]{1,30}$"
                },
                "id_no": {
                  "type": "string",
                  "title": "身份证号",
                  "format": "cn-id-card"
                },
                "relation": {
                  "type": "string",
                  "title": "与当事人关系",
                  "maxLength": 30
                },
                "authority_doc": {
                  "type": "string",
                  "title": "授权委托书（文件）",
                  "minLength": 1
                }
              },
              "required": [
                "name",
                "authority_doc"
              ],
              "additionalProperties": false,
              "title": "代理人/委托代表"
            }
          },
          "required": [
            "kind",
            "ref",
            "address",
            "phone"
          ],
          "additionalProperties": false,
          "allOf": [
            {
              "if": {
                "type": "object",
                "properties": {
                  "kind": {
                    "const": "P"
                  }
                }
              },
              "then": {
                "type": "object",
                "required": [
                  "name",
                  "id_type",
                  "id_no",
                  "ethnicity"
                ]
              },
              "else": {
                "type": "object",
                "required": [
                  "org_name",
                  "uscc",
                  "legal_rep",
                  "agent"
                ]
              }
            },
            {
              "if": {
                "type": "object",
                "properties": {
                  "id_type": {
                    "const": "居民身份证"
                  }
                },
                "required": [
                  "id_type"
                ]
              },
              "then": {
                "type": "object",
                "properties": {
                  "id_no": {
                    "type": "string",
                    "format": "cn-id-card"
                  }
                }
              }
            }
          ]
        },
        "minItems": 1
      },
      "dispute_type": {
        "type": "string",
        "title": "纠纷类型",
        "enum": [
          "婚姻家庭",
          "赡养抚养",
          "继承",
          "邻里",
          "宅基地",
          "土地承包",
          "债务",
          "损害赔偿",
          "劳动",
          "物业",
          "消费",
          "医疗",
          "交通事故",
          "征地拆迁",
          "环境",
          "其他"
        ]
      },
      "summary": {
        "type": "string",
        "title": "纠纷简要情况",
        "minLength": 20,
        "maxLength": 3000
      },
      "requests": {
        "type": "array",
        "title": "申请事项",
        "items": {
          "type": "string",
          "title": "事项",
          "minLength": 1,
          "maxLength": 1000
        },
        "minItems": 1
      },
      "persons_involved": {
        "type": "integer",
        "title": "涉及人数",
        "minimum": 2
      },
      "households_involved": {
        "type": "integer",
        "title": "涉及户数",
        "minimum": 1
      },
      "amount": {
        "type": "number",
        "title": "涉及金额（元）",
        "minimum": 0,
        "multipleOf": 0.01
      },
      "accepted_elsewhere": {
        "type": "string",
        "title": "是否已由法院/公安/行政机关受理",
        "enum": [
          "否",
          "法院",
          "公安",
          "行政机关"
        ]
      },
      "ref_no": {
        "type": "string",
        "title": "受理文号",
        "minLength": 1
      },
      "exclusion": {
        "type": "string",
        "title": "不属人民调解范围的情形",
        "enum": [
          "无",
          "违法犯罪或治安案件",
          "行政争议",
          "依法由专门机关处理",
          "法律禁止调解"
        ]
      },
      "respondent_position": {
        "type": "string",
        "title": "被申请人意愿（人民调解法第十七条）",
        "enum": [
          "同意调解",
          "尚未表态",
          "明确拒绝调解"
        ]
      },
      "channel": {
        "type": "string",
        "title": "申请方式",
        "enum": [
          "书面",
          "口头(当场记录)",
          "线上"
        ]
      },
      "voluntary_declaration": {
        "type": "object",
        "properties": {
          "method": {
            "type": "string",
            "title": "签署方式",
            "enum": [
              "手写签名",
              "盖章",
              "按指印"
            ]
          },
          "signed_on": {
            "type": "string",
            "format": "date",
            "title": "签署日期"
          },
          "image": {
            "type": "string",
            "title": "签名图像"
          }
        },
        "required": [
          "method",
          "signed_on"
        ],
        "additionalProperties": false,
        "title": "自愿声明：已知悉人民调解相关规定，自愿申请调解"
      },
      "received_on": {
        "type": "string",
        "format": "date",
        "title": "收到申请日期"
      },
      "accepted_on": {
        "type": "string",
        "format": "date",
        "title": "受理日期"
      },
      "registrar": {
        "type": "string",
        "title": "登记人",
        "minLength": 1
      }
    },
    "required": [
      "source",
      "applicants",
      "respondents",
      "dispute_type",
      "summary",
      "requests",
      "persons_involved",
      "households_involved",
      "accepted_elsewhere",
      "exclusion",
      "respondent_position",
      "channel",
      "received_on",
      "accepted_on",
      "registrar"
    ],
    "additionalProperties": false,
    "allOf": [
      {
        "if": {
          "type": "object",
          "properties": {
            "source": {
              "const": "网格员上报"
            }
          }
        },
        "then": {
          "type": "object",
          "required": [
            "grid_event_ref"
          ]
        }
      },
      {
        "if": {
          "type": "object",
          "properties": {
            "accepted_elsewhere": {
              "enum": [
                "法院",
                "公安",
                "行政机关"
              ]
            }
          }
        },
        "then": {
          "type": "object",
          "required": [
            "ref_no"
          ]
        }
      },
      {
        "if": {
          "type": "object",
          "properties": {
            "source": {
              "const": "当事人申请"
            }
          }
        },
        "then": {
          "type": "object",
          "required": [
            "voluntary_declaration"
          ]
        }
      }
    ]
  }
};

/** Example form C — emergency mobilisation, the household check (应急动员 `household_check`). */
export const EXAMPLE_FORM_C: { readonly title: { readonly 'zh-CN': string; readonly en: string }; readonly schema: Record<string, unknown> } = {
  "title": {
    "zh-CN": "入户排查表（C-F5，按轮次汇总）",
    "en": "door-to-door check (C-F5, one round)"
  },
  "schema": {
    "type": "object",
    "properties": {
      "round": {
        "type": "integer",
        "minimum": 1
      },
      "visited_at": {
        "type": "string",
        "format": "date-time",
        "pattern": "\\+08:00$"
      },
      "households": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "household_id": {
              "type": "string"
            },
            "address": {
              "type": "string"
            },
            "grid": {
              "type": "string"
            },
            "zone": {
              "type": "string"
            },
            "contact": {
              "type": "string",
              "enum": [
                "在家已见面",
                "不在家-电话核实",
                "不在家-无法联系"
              ]
            },
            "residents": {
              "type": "integer",
              "minimum": 0
            },
            "present_now": {
              "type": "integer",
              "minimum": 0
            },
            "hazards": {
              "type": "array",
              "items": {
                "type": "string",
                "enum": [
                  "危房",
                  "临河",
                  "切坡",
                  "低洼易涝",
                  "地灾隐患点",
                  "无"
                ]
              }
            }
          },
          "required": [
            "household_id",
            "zone",
            "contact",
            "residents",
            "present_now",
            "hazards"
          ]
        }
      },
      "persons": {
        "type": "array",
        "items": {
          "type": "object",
          "properties": {
            "person_id": {
              "type": "string"
            },
            "name": {
              "type": "string"
            },
            "id_no": {
              "type": "string",
              "format": "cn-id-card"
            },
            "village": {
              "type": "string"
            },
            "zone": {
              "type": "string"
            },
            "household_id": {
              "type": "string"
            },
            "priority_groups": {
              "type": "array",
              "items": {
                "type": "string",
                "enum": [
                  "留守老人",
                  "独居老人",
                  "残疾人",
                  "孕产妇",
                  "婴幼儿",
                  "留守儿童",
                  "重病/失能",
                  "精神障碍",
                  "其他"
                ]
              }
            },
            "disability_type": {
              "type": "string",
              "enum": [
                "视力",
                "听力",
                "言语",
                "肢体",
                "智力",
                "精神",
                "多重"
              ]
            },
            "disability_grade": {
              "type": "string",
              "enum": [
                "一级",
                "二级",
                "三级",
                "四级"
              ]
            },
            "mobility": {
              "type": "string",
              "enum": [
                "自行",
                "需搀扶",
                "需轮椅",
                "需担架"
              ]
            },
            "medication": {
              "type": "string"
            },
            "guardian_present": {
              "type": "boolean"
            },
            "civil_capacity": {
              "type": "string",
              "enum": [
                "完全",
                "限制",
                "无"
              ]
            },
            "must_transfer": {
              "type": "boolean"
            },
            "transfer_mode": {
              "type": "string",
              "enum": [
                "集中安置",
                "投亲靠友",
                "原地加固"
              ]
            }
          },
          "required": [
            "person_id",
            "name",
            "village",
            "zone",
            "household_id",
            "priority_groups",
            "mobility",
            "guardian_present",
            "civil_capacity",
            "must_transfer"
          ]
        }
      }
    },
    "required": [
      "round",
      "visited_at",
      "households",
      "persons"
    ]
  }
};
