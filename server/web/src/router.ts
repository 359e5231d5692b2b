import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { restoreSession, session, whenUnauthenticated, type Role } from "./api";

/** Pages of each role; each page is its own chunk (loaded when first opened). */
export const MENUS: Record<Role, { path: string; title: string }[]> = {
  ENTERPRISE: [
    { path: "/enterprise/profile", title: "企业信息" },
    { path: "/enterprise/postings", title: "岗位管理" },
    { path: "/enterprise/quota", title: "实习比例" },
    { path: "/enterprise/applicants", title: "投递学生" },
    { path: "/enterprise/placements", title: "录用与实习生" },
  ],
  SCHOOL: [
    { path: "/school/students", title: "学生名册" },
    { path: "/school/import", title: "批量导入学生" },
    { path: "/school/applications", title: "学生志愿" },
    { path: "/school/placements", title: "实习安排" },
    { path: "/school/retention", title: "留泉率与契合度" },
    { path: "/school/exports", title: "报表导出" },
  ],
  STUDENT: [
    { path: "/student/profile", title: "我的信息" },
    { path: "/student/applications", title: "我的志愿" },
    { path: "/student/offer", title: "我的录用" },
  ],
  BUREAU: [
    { path: "/bureau/dashboard", title: "监测看板" },
    { path: "/bureau/runs", title: "实习分配" },
    { path: "/bureau/compliance", title: "企业实习比例" },
    { path: "/bureau/exports", title: "报表导出" },
  ],
};

type Lazy = () => Promise<unknown>;
const page = (role: Role, title: string, component: Lazy) => ({ meta: { role, title }, component: component as () => Promise<any> });

const routes: RouteRecordRaw[] = [
  { path: "/login", component: () => import("./views/LoginPage.vue"), meta: { title: "登录", public: true } },
  {
    path: "/",
    component: () => import("./views/AppLayout.vue"),
    children: [
      { path: "", component: () => import("./views/HomeRedirect.vue"), meta: { title: "首页" } },
      { path: "enterprise/profile", ...page("ENTERPRISE", "企业信息", () => import("./views/enterprise/ProfilePage.vue")) },
      { path: "enterprise/postings", ...page("ENTERPRISE", "岗位管理", () => import("./views/enterprise/PostingsPage.vue")) },
      { path: "enterprise/quota", ...page("ENTERPRISE", "实习比例", () => import("./views/enterprise/QuotaPage.vue")) },
      { path: "enterprise/applicants", ...page("ENTERPRISE", "投递学生", () => import("./views/enterprise/ApplicantsPage.vue")) },
      { path: "enterprise/placements", ...page("ENTERPRISE", "录用与实习生", () => import("./views/shared/PlacementsPage.vue")) },
      { path: "school/students", ...page("SCHOOL", "学生名册", () => import("./views/school/StudentsPage.vue")) },
      { path: "school/import", ...page("SCHOOL", "批量导入学生", () => import("./views/school/ImportPage.vue")) },
      { path: "school/applications", ...page("SCHOOL", "学生志愿", () => import("./views/school/ApplicationsPage.vue")) },
      { path: "school/placements", ...page("SCHOOL", "实习安排", () => import("./views/shared/PlacementsPage.vue")) },
      { path: "school/retention", ...page("SCHOOL", "留泉率与契合度", () => import("./views/school/RetentionPage.vue")) },
      { path: "school/exports", ...page("SCHOOL", "报表导出", () => import("./views/shared/ExportsPage.vue")) },
      { path: "student/profile", ...page("STUDENT", "我的信息", () => import("./views/student/ProfilePage.vue")) },
      { path: "student/applications", ...page("STUDENT", "我的志愿", () => import("./views/student/ApplicationsPage.vue")) },
      { path: "student/offer", ...page("STUDENT", "我的录用", () => import("./views/student/OfferPage.vue")) },
      { path: "bureau/dashboard", ...page("BUREAU", "监测看板", () => import("./views/bureau/DashboardPage.vue")) },
      { path: "bureau/runs", ...page("BUREAU", "实习分配", () => import("./views/bureau/RunsPage.vue")) },
      { path: "bureau/runs/:id", ...page("BUREAU", "分配方案", () => import("./views/bureau/RunPage.vue")) },
      { path: "bureau/compliance", ...page("BUREAU", "企业实习比例", () => import("./views/bureau/CompliancePage.vue")) },
      { path: "bureau/exports", ...page("BUREAU", "报表导出", () => import("./views/shared/ExportsPage.vue")) },
      { path: ":rest(.*)*", component: () => import("./views/NotFound.vue"), meta: { title: "页面不存在" } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory("/app/"), routes });

/** The first page of a role. */
export function homeOf(role: Role): string {
  return MENUS[role]?.[0]?.path ?? "/login";
}

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const viewer = await restoreSession();
  if (!viewer) return { path: "/login", query: to.fullPath !== "/" ? { next: to.fullPath } : {} };
  const role = to.meta.role as Role | undefined;
  if (role && role !== viewer.role) return homeOf(viewer.role);
  return true;
});

router.afterEach((to) => {
  document.title = `${String(to.meta.title ?? "")} · 泉州产教融合人才平台`;
});

whenUnauthenticated(() => {
  void router.push({ path: "/login", query: { next: router.currentRoute.value.fullPath } });
});

export { session };
