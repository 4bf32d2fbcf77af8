"""The words that tell a figure's metric in a report's text, for drafting records from it; the
metrics of the registry's fixture get theirs here."""

from django.db import migrations, models

# As fixtures/metrics.json holds them on the day of this migration.
CUES = {
    "positions": ["岗位", "招聘岗位", "就业岗位"],
    "enterprises": ["企业", "用工单位", "公司", "用人单位"],
    "attendees": ["求职者", "入场", "到场", "进场", "求职"],
    "hiring_intents": ["意向", "初步意向", "就业意向"],
    "resumes": ["简历"],
    "hires": ["录用", "入职", "招收", "吸纳", "上岗"],
    "workers_to_shanghai": [
        "到沪",
        "赴沪",
        "来沪",
        "抵沪",
        "到上海",
        "赴上海",
        "来上海",
        "在沪就业",
    ],
    "workers_in_shanghai": ["在沪", "在上海", "在嘉定务工", "务工和实习"],
    "transferred": ["转移就业", "转移", "务工人员", "返岗"],
    "out_of_province": ["省外", "跨省", "出省"],
    "employment_rate": ["就业率"],
    "trainees": ["培训", "培养", "参训", "学员", "技能培训"],
    "trainers": ["专家", "老师", "授课", "讲师"],
    "participants": ["嘉宾", "与会", "参会", "参加会议"],
    "beneficiaries": ["惠及", "受益"],
    "students_enrolled": ["招生"],
    "schools": ["院校", "职业学校", "技工学校"],
    "classes": ["培训班", "开班", "班"],
    "trades": ["培训工种", "工种项目"],
    "bases": ["基地", "实训基地"],
    "public_welfare_posts": ["公益性岗位", "护林员"],
    "service_stations": ["零工驿站", "驿站", "零工市场"],
    "townships": ["街镇", "乡镇", "街道"],
    "counties": ["县", "贫困县", "县（市）", "县(市)"],
    "sessions": ["场次"],
    "income": ["收入"],
    "subsidy": ["补贴", "补助"],
    "duration": ["为期", "课时", "小时", "天"],
    "years_running": ["连续"],
    "funds_invested": ["资金", "帮扶资金", "投入", "安排"],
    "aid_received": ["援助资金", "到位资金"],
    "funds_disbursed": ["拨付"],
    "disbursement_rate": ["拨付率"],
    "utilisation_rate": ["使用率"],
    "subsidy_per_person": ["每人每年"],
    "investment_attracted": ["投资", "引进", "招商"],
    "consumption_aid_sales": ["消费帮扶", "销售额", "销售"],
    "agreements": ["协议", "签约", "签订", "签署"],
    "job_postings": ["招聘信息", "发布"],
    "job_fairs": ["招聘会"],
    "interview_sessions": ["面试"],
    "persons_to_hire": ["要招", "招到", "招工", "招聘"],
    "job_types": ["工种"],
    "workstations": ["工作站"],
    "stabilisation_services": ["稳岗", "跟踪服务"],
    "eastern_provinces": ["东部省份", "其他东部"],
    "eastern_schools": ["就读", "东部地区就读"],
    "cadres_sent": ["干部", "挂职"],
    "doctors_sent": ["医生"],
    "teachers_sent": ["教师"],
    "aid_projects": ["项目", "帮扶项目"],
    "project_progress": ["进度"],
    "donations": ["捐款", "捐物", "捐资", "捐赠"],
    "meetings_held": ["会议", "召开", "常委会", "常务会"],
    "flights": ["包机", "专机", "航班"],
    "vehicles": ["专车", "包车", "大巴", "专列"],
    "workers_in_trade": ["从业人员", "从事"],
    "employment_helped": ["帮助就业"],
    "professionals_sent": ["专业技术人才", "技术人才"],
    "hospitals_paired": ["医院"],
    "schools_paired": ["学校"],
    "planned_trainees": ["计划培训"],
    "planned_batches": ["还将有", "将有"],
    "planned_positions": ["计划提供", "将提供"],
    "planned_job_fairs": ["将密集启动", "将举办"],
}


def fill_cues(apps, schema_editor):
    Metric = apps.get_model("pairings", "Metric")
    for metric in Metric.objects.filter(code__in=CUES):
        metric.cues = CUES[metric.code]
        metric.save(update_fields=["cues"])


class Migration(migrations.Migration):
    dependencies = [("pairings", "0029_text_report_text")]

    operations = [
        migrations.AddField(
            model_name="metric",
            name="cues",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="报道中说明数字属于此指标的词语，如“到沪”“赴沪”；起草记录时据此判断指标",
                verbose_name="提示词",
            ),
        ),
        migrations.AddField(
            model_name="historicalmetric",
            name="cues",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="报道中说明数字属于此指标的词语，如“到沪”“赴沪”；起草记录时据此判断指标",
                verbose_name="提示词",
            ),
        ),
        migrations.RunPython(fill_cues, migrations.RunPython.noop),
    ]
